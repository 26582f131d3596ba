import { ErrorAlert } from '../../components/alert';
import { FormActions } from '../../components/form-actions';
import { useClinic } from '../../lib/clinic-config';
import { useSchemaForm } from '../../lib/use-schema-form';
import type { NewPatient } from '../../services/api';
import { emptyPatient, PatientFields, patientRules, type PatientValues } from './patient-fields';
import { useCreatePatient } from './use-create-patient';

function toRequest(values: PatientValues): NewPatient {
  return {
    name: values.name.trim(),
    ...(values.email.trim() ? { email: values.email.trim() } : {}),
    ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
    ...(values.dateOfBirth ? { dateOfBirth: values.dateOfBirth } : {}),
  };
}

export function PatientForm() {
  const { timezone } = useClinic();
  const create = useCreatePatient();
  const { bind, submit, status, errors, failure } = useSchemaForm({
    initial: emptyPatient,
    schema: patientRules.create,
    toRequest,
    mutation: create,
    saved: (patient) => `Added ${patient.name}.`,
    clearOnSave: true,
  });

  return (
    <form onSubmit={submit} noValidate className="form">
      <PatientFields bind={bind} errors={errors} timezone={timezone} />
      {failure && <ErrorAlert title="The patient was not added." error={failure} />}
      <FormActions submitLabel="Add patient" pending={create.isPending} pendingText="Saving…" status={status} />
    </form>
  );
}
