import { SecretOnce } from '../../components/secret-once';
import type { CreatedToken } from '../../services/admin-api';

/** The new token's secret, shown this once. */
export function TokenSecret({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  return (
    <SecretOnce
      id="token-secret"
      title={`Token “${token.name}” created`}
      label={`Token (${token.role})`}
      secret={token.secret}
      note="Only a hash is kept, so a lost token cannot be shown; revoke it and create a new one."
      copyLabel="Copy token"
      onDone={onDone}
    />
  );
}
