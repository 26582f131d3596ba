import { ErrorAlert } from '../../components/alert';
import { Dialog } from '../../components/dialog';
import { FormActions } from '../../components/form-actions';
import { useSchemaForm } from '../../lib/use-schema-form';
import type { Doctor, DoctorChanges } from '../../services/api';
import { DoctorFields, doctorRules, type DoctorValues } from './doctor-fields';
import { useUpdateDoctor } from './use-update-doctor';

// An emptied optional contact is removed (null); an emptied slot length leaves the current one.
function toChanges(values: DoctorValues): DoctorChanges {
  return {
    name: values.name.trim(),
    specialty: values.specialty.trim(),
    email: values.email.trim() || null,
    phone: values.phone.trim() || null,
    ...(values.slotMinutes ? { slotMinutes: Number(values.slotMinutes) } : {}),
  };
}

export function EditDoctorDialog({
  doctor,
  onClose,
  onSaved,
}: {
  doctor: Doctor | null;
  onClose: () => void;
  onSaved: (doctor: Doctor) => void;
}) {
  return (
    <Dialog open={doctor !== null} title="Edit doctor" onClose={onClose}>
      {doctor && <EditDoctorForm key={doctor.id} doctor={doctor} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function EditDoctorForm({ doctor, onClose, onSaved }: { doctor: Doctor; onClose: () => void; onSaved: (doctor: Doctor) => void }) {
  const update = useUpdateDoctor(doctor.id);
  const { bind, submit, status, errors, failure } = useSchemaForm({
    initial: {
      name: doctor.name,
      specialty: doctor.specialty,
      email: doctor.email ?? '',
      phone: doctor.phone ?? '',
      slotMinutes: String(doctor.slotMinutes),
    },
    schema: doctorRules.update,
    toRequest: toChanges,
    mutation: update,
    saved: (saved) => `Saved ${saved.name}.`,
    onSaved,
  });

  return (
    <form onSubmit={submit} noValidate className="form">
      <DoctorFields bind={bind} errors={errors} />
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
