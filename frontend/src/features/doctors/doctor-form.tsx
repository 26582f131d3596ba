import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-actions';
import { useAddForm } from '../../lib/use-add-form';
import type { NewDoctor } from '../../services/api';
import { useCreateDoctor } from './use-create-doctor';

const empty = { name: '', specialty: '', email: '', phone: '', slotMinutes: '' };

const rules = () => import('@clinic/contract/doctors').then((contract) => contract.createDoctorBody);

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
    schema: rules,
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
