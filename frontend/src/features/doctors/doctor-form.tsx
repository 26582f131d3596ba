import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-actions';
import { EMAIL_PATTERN, type FieldErrors } from '../../lib/form-errors';
import { useAddForm } from '../../lib/use-add-form';
import type { NewDoctor } from '../../services/api';
import { useCreateDoctor } from './use-create-doctor';

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
  const create = useCreateDoctor();
  const { bind, submit, status, errors, failure } = useAddForm({
    empty,
    validate,
    toRequest,
    mutation: create,
    added: (doctor) => `Added ${doctor.name} (${doctor.specialty}).`,
  });

  return (
    <form onSubmit={submit} noValidate className="form">
      <div className="form-grid">
        <Field label="Name" error={errors.name}>
          {(p) => <input {...p} {...bind('name')} autoComplete="off" />}
        </Field>
        <Field label="Specialty" error={errors.specialty}>
          {(p) => <input {...p} {...bind('specialty')} />}
        </Field>
        <Field label="Email" hint="Optional" error={errors.email}>
          {(p) => <input {...p} type="email" {...bind('email')} autoComplete="off" />}
        </Field>
        <Field label="Phone" hint="Optional" error={errors.phone}>
          {(p) => <input {...p} type="tel" {...bind('phone')} autoComplete="off" />}
        </Field>
        <Field label="Slot length (minutes)" hint="Optional, clinic default if empty" error={errors.slotMinutes}>
          {(p) => <input {...p} type="number" inputMode="numeric" min={5} max={480} step={5} {...bind('slotMinutes')} />}
        </Field>
      </div>
      {failure && <ErrorAlert title="The doctor was not added." error={failure} />}
      <FormActions submitLabel="Add doctor" pending={create.isPending} pendingText="Saving…" status={status} />
    </form>
  );
}
