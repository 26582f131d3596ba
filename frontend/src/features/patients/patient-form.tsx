import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { EMAIL_PATTERN, fieldErrorsFrom, hasErrors, type FieldErrors } from '../../lib/form-errors';
import type { NewPatient } from '../../services/api';
import { useCreatePatient } from './use-create-patient';

const FIELDS = ['name', 'email', 'phone', 'dateOfBirth'] as const;
const empty = { name: '', email: '', phone: '', dateOfBirth: '' };
type Values = typeof empty;

function validate(values: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = 'Enter the patient’s name.';
  if (!values.email.trim()) errors.email = 'Enter an email address.';
  else if (!EMAIL_PATTERN.test(values.email.trim())) {
    errors.email = 'Enter an email address like name@example.com.';
  }
  return errors;
}

function toRequest(values: Values): NewPatient {
  return {
    name: values.name.trim(),
    email: values.email.trim(),
    ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
    ...(values.dateOfBirth ? { dateOfBirth: values.dateOfBirth } : {}),
  };
}

export function PatientForm() {
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [added, setAdded] = useState('');
  const create = useCreatePatient();
  const serverErrors = fieldErrorsFrom(create.error, FIELDS);
  const shown = { ...serverErrors, ...errors };

  const set = (field: keyof Values) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setAdded('');
    const found = validate(values);
    setErrors(found);
    if (hasErrors(found)) return;
    create.mutate(toRequest(values), {
      onSuccess: (patient) => {
        setValues(empty);
        setAdded(`Added ${patient.name}.`);
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <div className="form-grid">
        <Field label="Name" error={shown.name}>
          {(p) => (
            <input {...p} value={values.name} onChange={(e) => set('name')(e.target.value)} autoComplete="off" />
          )}
        </Field>
        <Field label="Email" error={shown.email}>
          {(p) => (
            <input {...p} type="email" value={values.email} onChange={(e) => set('email')(e.target.value)} autoComplete="off" />
          )}
        </Field>
        <Field label="Phone" hint="Optional" error={shown.phone}>
          {(p) => (
            <input {...p} type="tel" value={values.phone} onChange={(e) => set('phone')(e.target.value)} autoComplete="off" />
          )}
        </Field>
        <Field label="Date of birth" hint="Optional" error={shown.dateOfBirth}>
          {(p) => (
            <input {...p} type="date" value={values.dateOfBirth} onChange={(e) => set('dateOfBirth')(e.target.value)} />
          )}
        </Field>
      </div>
      {create.isError && !hasErrors(serverErrors) && (
        <ErrorAlert title="The patient was not added." error={create.error} />
      )}
      <div className="form-actions">
        <button type="submit" disabled={create.isPending}>
          Add patient
        </button>
        <p role="status" className="form-status">
          {create.isPending ? 'Saving…' : added}
        </p>
      </div>
    </form>
  );
}
