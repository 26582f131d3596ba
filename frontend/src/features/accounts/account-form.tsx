import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-actions';
import { fieldErrorsFrom, hasErrors, type FieldErrors } from '../../lib/form-errors';
import { PASSWORD_HINT, passwordProblem } from '../../lib/password-rules';
import type { Role } from '../../services/api';
import type { NewAccount } from '../../services/admin-api';
import { useDoctors } from '../doctors/use-doctors';
import { useCreateAccount } from './use-accounts';

const empty = { email: '', name: '', role: 'staff', doctorId: '', password: '' };
type Values = typeof empty;
const FIELDS = Object.keys(empty);

function validate(values: Values): FieldErrors {
  return {
    name: values.name.trim() ? undefined : 'Enter the person’s name.',
    email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim()) ? undefined : 'Enter an email address like name@example.com.',
    doctorId: values.role === 'doctor' && !values.doctorId ? 'Choose the doctor this account belongs to.' : undefined,
    password: passwordProblem(values.password),
  };
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
  const [values, setValues] = useState(empty);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  const serverErrors = fieldErrorsFrom(create.error, FIELDS);
  const errors = { ...serverErrors, ...clientErrors };

  const bind = (field: keyof Values) => ({
    name: field,
    value: values[field],
    onChange: (event: { target: { value: string } }) => {
      const { value } = event.target;
      setValues((v) => ({ ...v, [field]: value }));
      setClientErrors((e) => ({ ...e, [field]: undefined }));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setStatus('');
    const found = validate(values);
    setClientErrors(found);
    if (hasErrors(found)) return;
    create.mutate(toRequest(values), {
      onSuccess: (account) => {
        setValues(empty);
        setStatus(`Added ${account.name} (${account.role}).`);
      },
    });
  }

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
        {values.role === 'doctor' && (
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
      {create.isError && !hasErrors(serverErrors) && <ErrorAlert title="The account was not added." error={create.error} />}
      <FormActions submitLabel="Add account" pending={create.isPending} pendingText="Saving…" status={status} />
    </form>
  );
}
