import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { fieldErrorsFrom } from '../../lib/form-errors';
import { PASSWORD_HINT, passwordProblem } from '../../lib/password-rules';
import type { Account } from '../../services/admin-api';
import { useResetPassword } from './use-accounts';

/** Sets a new password for someone else; the server ends that account's sessions. */
export function ResetPasswordDialog({
  account,
  onClose,
  onDone,
}: {
  account: Account | null;
  onClose: () => void;
  onDone: (account: Account) => void;
}) {
  return (
    <Dialog open={account !== null} title="Reset password" onClose={onClose}>
      {account && <ResetPasswordForm key={account.id} account={account} onClose={onClose} onDone={onDone} />}
    </Dialog>
  );
}

function ResetPasswordForm({ account, onClose, onDone }: { account: Account; onClose: () => void; onDone: (account: Account) => void }) {
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const reset = useResetPassword();
  const serverProblem = fieldErrorsFrom(reset.error, ['password']).password;

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = passwordProblem(password);
    setProblem(found);
    if (found) return;
    reset.mutate({ id: account.id, password }, { onSuccess: () => onDone(account) });
  }

  return (
    <form onSubmit={submit} noValidate>
      <p>
        A new password for {account.name} ({account.email}). Their open sessions end; tell them the new password in person.
      </p>
      <Field label="New password" hint={PASSWORD_HINT} error={problem ?? serverProblem}>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-autofocus
          />
        )}
      </Field>
      {reset.isError && !serverProblem && <ErrorAlert title="The password was not reset." error={reset.error} />}
      <div className="dialog-actions">
        <button type="submit" disabled={reset.isPending}>
          Set new password
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
