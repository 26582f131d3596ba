import { ErrorAlert } from '../../components/alert';
import { FormActions } from '../../components/form-actions';
import { useSchemaForm } from '../../lib/use-schema-form';
import type { NewDoctor } from '../../services/api';
import { DoctorFields, doctorRules, emptyDoctor, type DoctorValues } from './doctor-fields';
import { useCreateDoctor } from './use-create-doctor';

function toRequest(values: DoctorValues): NewDoctor {
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
  const { bind, submit, status, errors, failure } = useSchemaForm({
    initial: emptyDoctor,
    schema: doctorRules.create,
    toRequest,
    mutation: create,
    saved: (doctor) => `Added ${doctor.name} (${doctor.specialty}).`,
    clearOnSave: true,
  });

  return (
    <form onSubmit={submit} noValidate className="form">
      <DoctorFields bind={bind} errors={errors} />
      {failure && <ErrorAlert title="The doctor was not added." error={failure} />}
      <FormActions submitLabel="Add doctor" pending={create.isPending} pendingText="Saving…" status={status} />
    </form>
  );
}
