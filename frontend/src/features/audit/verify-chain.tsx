import { Alert, ErrorAlert } from '../../components/alert';
import { useVerifyChain } from './use-audit';

export function VerifyChain() {
  const verify = useVerifyChain();
  const result = verify.data;
  return (
    <div className="verify-chain">
      <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
        Verify chain
      </button>
      <p role="status" className="form-status">
        {verify.isPending && 'Checking every record…'}
        {result?.ok && `Chain intact: ${result.checked} records checked, none changed or missing.`}
      </p>
      {result && !result.ok && (
        <Alert title={`Chain broken at record #${result.brokenAt}`}>
          <p>{result.reason}</p>
          <p className="muted">{result.checked} records checked. Records from this one on can no longer be trusted as written.</p>
        </Alert>
      )}
      {verify.isError && <ErrorAlert title="The chain could not be checked." error={verify.error} />}
    </div>
  );
}
