import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { EMAIL_PATTERN, fieldErrorsFrom, hasErrors, type FieldErrors } from '../../lib/form-errors';
import type { NewDoctor } from '../../services/api';
import { useCreateDoctor } from './use-create-doctor';

const FIELDS = ['name', 'specialty', 'email', 'phone', 'slotMinutes'] as const;
const empty = { name: '', specialty: '', email: '', phone: '', slotMinutes: '' };

function validate(values: typeof empty): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = 'Enter the doctor’s name.';
  if (!values.specialty.trim()) errors.specialty = 'Enter a specialty, for example Cardiology.';
  if (values.email.trim() && !EMAIL_PATTERN.test(values.email.trim())) {
    errors.email = 'Enter an email address like name@example.com.';
  }
  const minutes = Number(values.slotMinutes);
  if (values.slotMinutes && (!Number.isInteger(minutes) || minutes < 5 || minutes > 480)) {
    errors.slotMinutes = 'Enter whole minutes between 5 and 480.';
  }
  return errors;
}

function toRequest(values: typeof empty): NewDoctor {
  return {
    name: values.name.trim(),
    specialty: values.specialty.trim(),
    ...(values.email.trim() ? { email: values.email.trim() } : {}),
    ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
    ...(values.slotMinutes ? { slotMinutes: Number(values.slotMinutes) } : {}),
  };
}

export function DoctorForm() {
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [added, setAdded] = useState('');
  const create = useCreateDoctor();
  const serverErrors = fieldErrorsFrom(create.error, FIELDS);
  const shown = { ...serverErrors, ...errors };

  const set = (field: keyof typeof empty) => (value: string) => {
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
      onSuccess: (doctor) => {
        setValues(empty);
        setAdded(`Added ${doctor.name} (${doctor.specialty}).`);
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <div className="form-grid">
        <Field label="Name" error={shown.name}>
          {(p) => <input {...p} value={values.name} onChange={(e) => set('name')(e.target.value)} autoComplete="off" />}
        </Field>
        <Field label="Specialty" error={shown.specialty}>
          {(p) => <input {...p} value={values.specialty} onChange={(e) => set('specialty')(e.target.value)} />}
        </Field>
        <Field label="Email" hint="Optional" error={shown.email}>
          {(p) => <input {...p} type="email" value={values.email} onChange={(e) => set('email')(e.target.value)} autoComplete="off" />}
        </Field>
        <Field label="Phone" hint="Optional" error={shown.phone}>
          {(p) => <input {...p} type="tel" value={values.phone} onChange={(e) => set('phone')(e.target.value)} autoComplete="off" />}
        </Field>
        <Field label="Slot length (minutes)" hint="Optional, clinic default if empty" error={shown.slotMinutes}>
          {(p) => (
            <input {...p} type="number" inputMode="numeric" min={5} max={480} step={5} value={values.slotMinutes} onChange={(e) => set('slotMinutes')(e.target.value)} />
          )}
        </Field>
      </div>
      {create.isError && !hasErrors(serverErrors) && (
        <ErrorAlert title="The doctor was not added." error={create.error} />
      )}
      <div className="form-actions">
        <button type="submit" disabled={create.isPending}>
          Add doctor
        </button>
        <p role="status" className="form-status">
          {create.isPending ? 'Saving…' : added}
        </p>
      </div>
    </form>
  );
}
