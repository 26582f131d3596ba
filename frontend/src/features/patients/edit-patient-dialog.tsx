import { ErrorAlert } from '../../components/alert';
import { Dialog } from '../../components/dialog';
import { FormActions } from '../../components/form-actions';
import { useClinic } from '../../lib/clinic-config';
import { useSchemaForm } from '../../lib/use-schema-form';
import type { Patient, PatientChanges } from '../../services/api';
import { PatientFields, patientRules, type PatientValues } from './patient-fields';
import { useUpdatePatient } from './use-update-patient';

// An emptied optional field is removed (null), not kept.
function toChanges(values: PatientValues): PatientChanges {
  return {
    name: values.name.trim(),
    email: values.email.trim() || null,
    phone: values.phone.trim() || null,
    dateOfBirth: values.dateOfBirth || null,
  };
}

export function EditPatientDialog({
  patient,
  onClose,
  onSaved,
}: {
  patient: Patient | null;
  onClose: () => void;
  onSaved: (patient: Patient) => void;
}) {
  return (
    <Dialog open={patient !== null} title="Edit patient" onClose={onClose}>
      {patient && <EditPatientForm key={patient.id} patient={patient} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function EditPatientForm({ patient, onClose, onSaved }: { patient: Patient; onClose: () => void; onSaved: (patient: Patient) => void }) {
  const { timezone } = useClinic();
  const update = useUpdatePatient(patient.id);
  const { bind, submit, status, errors, failure } = useSchemaForm({
    initial: { name: patient.name, email: patient.email ?? '', phone: patient.phone ?? '', dateOfBirth: patient.dateOfBirth ?? '' },
    schema: patientRules.update,
    toRequest: toChanges,
    mutation: update,
    saved: (saved) => `Saved ${saved.name}.`,
    onSaved,
  });

  return (
    <form onSubmit={submit} noValidate className="form">
      <PatientFields bind={bind} errors={errors} timezone={timezone} />
      {failure && <ErrorAlert title="The changes were not saved." error={failure} />}
      <div className="dialog-actions">
        <FormActions submitLabel="Save changes" pending={update.isPending} pendingText="Saving…" status={status} />
        <button type="button" className="button-secondary" onClick={onClose}>
          Close without saving
        </button>
      </div>
    </form>
  );
}
