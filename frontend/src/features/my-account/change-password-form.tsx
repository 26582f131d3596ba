import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-actions';
import { fieldErrorsFrom, hasErrors, type FieldErrors } from '../../lib/form-errors';
import { PASSWORD_HINT, passwordProblem } from '../../lib/password-rules';
import { useChangePassword } from './use-my-account';

const empty = { currentPassword: '', newPassword: '', repeat: '' };

export function ChangePasswordForm() {
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  const change = useChangePassword();
  const serverErrors = fieldErrorsFrom(change.error, ['currentPassword', 'newPassword']);
  const shown = { ...serverErrors, ...errors };

  function submit(event: FormEvent) {
    event.preventDefault();
    setStatus('');
    const found: FieldErrors = {
      currentPassword: values.currentPassword ? undefined : 'Enter your current password.',
      newPassword: passwordProblem(values.newPassword),
      repeat: values.repeat === values.newPassword ? undefined : 'The two new passwords differ.',
    };
    setErrors(found);
    if (hasErrors(found)) return;
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          setValues(empty);
          setStatus('Password changed. Your other sessions were signed out.');
        },
      },
    );
  }

  const set = (field: keyof typeof empty) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));
  return (
    <form onSubmit={submit} noValidate className="form">
      <div className="form-grid">
        <Field label="Current password" error={shown.currentPassword}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="current-password"
              value={values.currentPassword}
              onChange={set('currentPassword')}
            />
          )}
        </Field>
        <Field label="New password" hint={PASSWORD_HINT} error={shown.newPassword}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={values.newPassword} onChange={set('newPassword')} />}
        </Field>
        <Field label="New password again" error={shown.repeat}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={values.repeat} onChange={set('repeat')} />}
        </Field>
      </div>
      {change.isError && !hasErrors(serverErrors) && <ErrorAlert title="The password was not changed." error={change.error} />}
      <FormActions submitLabel="Change password" pending={change.isPending} pendingText="Saving…" status={status} />
    </form>
  );
}
