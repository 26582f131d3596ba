import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-actions';
import { EMAIL_PATTERN, type FieldErrors } from '../../lib/form-errors';
import { useAddForm } from '../../lib/use-add-form';
import type { Role } from '../../services/api';
import type { NewAccount } from '../../services/admin-api';
import { useDoctors } from '../doctors/use-doctors';
import { PASSWORD_HINT, passwordProblem } from '../../lib/password-rules';
import { useCreateAccount } from './use-accounts';

const empty = { email: '', name: '', role: 'staff', doctorId: '', password: '' };
type Values = typeof empty;

function validate(values: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = 'Enter the person’s name.';
  if (!EMAIL_PATTERN.test(values.email.trim())) errors.email = 'Enter an email address like name@example.com.';
  if (values.role === 'doctor' && !values.doctorId) errors.doctorId = 'Choose the doctor this account belongs to.';
  errors.password = passwordProblem(values.password);
  return errors;
}

function toRequest(values: Values): NewAccount {
  return {
    email: values.email.trim(),
    name: values.name.trim(),
    role: values.role as Role,
    ...(values.role === 'doctor' ? { doctorId: values.doctorId } : {}),
    password: values.password,
  };
}

export function AccountForm() {
  const create = useCreateAccount();
  const doctors = useDoctors();
  const { bind, submit, status, errors, failure } = useAddForm({
    empty,
    validate,
    toRequest,
    mutation: create,
    added: (account) => `Added ${account.name} (${account.role}).`,
  });
  const role = bind('role').value;

  return (
    <form onSubmit={submit} noValidate className="form">
      <div className="form-grid">
        <Field label="Name" error={errors.name}>
          {(p) => <input {...p} {...bind('name')} autoComplete="off" />}
        </Field>
        <Field label="Email" error={errors.email}>
          {(p) => <input {...p} type="email" {...bind('email')} autoComplete="off" />}
        </Field>
        <Field label="Role" error={errors.role}>
          {(p) => (
            <select {...p} {...bind('role')}>
              <option value="staff">Staff (front desk)</option>
              <option value="doctor">Doctor (own day only)</option>
              <option value="admin">Admin</option>
            </select>
          )}
        </Field>
        {role === 'doctor' && (
          <Field label="Linked doctor" error={errors.doctorId}>
            {(p) => (
              <select {...p} {...bind('doctorId')}>
                <option value="">Choose a doctor…</option>
                {doctors.data?.items.map((doctor) => (
                  <option key={doctor.id} value={doctor.id}>
                    {doctor.name} · {doctor.specialty}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label="Initial password" hint={PASSWORD_HINT} error={errors.password}>
          {(p) => <input {...p} type="password" {...bind('password')} autoComplete="new-password" />}
        </Field>
      </div>
      {failure && <ErrorAlert title="The account was not added." error={failure} />}
      <FormActions submitLabel="Add account" pending={create.isPending} pendingText="Saving…" status={status} />
    </form>
  );
}
