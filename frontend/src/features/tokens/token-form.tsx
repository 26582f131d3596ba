import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-actions';
import { fieldErrorsFrom, hasErrors, type FieldErrors } from '../../lib/form-errors';
import type { NewToken, TokenRole } from '../../services/admin-api';
import { useState, type FormEvent } from 'react';
import { TokenSecret } from './token-secret';
import { useCreateToken } from './use-tokens';

const empty = { name: '', role: 'staff', days: '90' };

function validate(values: typeof empty): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = 'Name the token after who uses it, e.g. “lab-integration”.';
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 365) errors.days = 'Enter a whole number of days from 1 to 365.';
  return errors;
}

export function TokenForm() {
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateToken();
  const serverErrors = fieldErrorsFrom(create.error, ['name', 'role', 'expiresInDays']);
  const shown = { ...errors, days: errors.days ?? serverErrors.expiresInDays, name: errors.name ?? serverErrors.name };

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    if (hasErrors(found)) return;
    const input: NewToken = { name: values.name.trim(), role: values.role as TokenRole, expiresInDays: Number(values.days) };
    create.mutate(input, { onSuccess: () => setValues(empty) });
  }

  const set = (field: keyof typeof empty) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  if (create.data) return <TokenSecret token={create.data} onDone={() => create.reset()} />;
  return (
    <form onSubmit={submit} noValidate className="form">
      <div className="form-grid">
        <Field label="Name" error={shown.name}>
          {(p) => <input {...p} value={values.name} onChange={set('name')} autoComplete="off" />}
        </Field>
        <Field label="Role" error={serverErrors.role}>
          {(p) => (
            <select {...p} value={values.role} onChange={set('role')}>
              <option value="staff">Staff</option>
              <option value="admin">Admin</option>
            </select>
          )}
        </Field>
        <Field label="Expires after (days)" hint="1 to 365" error={shown.days}>
          {(p) => <input {...p} type="number" min={1} max={365} inputMode="numeric" value={values.days} onChange={set('days')} />}
        </Field>
      </div>
      {create.isError && !hasErrors(serverErrors) && <ErrorAlert title="The token was not created." error={create.error} />}
      <FormActions submitLabel="Create token" pending={create.isPending} pendingText="Creating…" status="" />
    </form>
  );
}
