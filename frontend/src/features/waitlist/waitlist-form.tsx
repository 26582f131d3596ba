import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-actions';
import type { Patient } from '../../services/api';
import type { NewWaitlistEntry } from '../../services/waitlist-api';
import { useDoctors } from '../doctors/use-doctors';
import { useOfferedVisitTypes, VisitTypeField } from '../doctors/visit-type-field';
import { PatientCombobox } from '../patients/patient-combobox';
import { useAddToWaitlist } from './use-waitlist';
import { newWindowRow, toWindows, windowErrors, WindowsEditor, type WindowRow } from './windows-editor';

type Errors = Record<string, string>;

/** Puts a patient on the waitlist for one doctor, or any doctor of a specialty, at the times they could come. */
export function WaitlistForm() {
  const [patient, setPatient] = useState<Patient | null>(null);
  const [wants, setWants] = useState<'doctor' | 'specialty'>('doctor');
  const [doctorId, setDoctorId] = useState('');
  const [specialty, setSpecialty] = useState('');
  const [visitTypeId, setVisitTypeId] = useState('');
  const [rows, setRows] = useState<WindowRow[]>(() => [newWindowRow()]);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState('');
  const add = useAddToWaitlist();
  const doctors = useDoctors().data?.items ?? [];
  const doctor = doctors.find((d) => d.id === doctorId);
  const specialties = [...new Set(doctors.map((d) => d.specialty))].sort();
  const offered = useOfferedVisitTypes(wants === 'doctor' ? doctorId : '');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (add.isPending) return;
    const found: Errors = { ...windowErrors(rows) };
    if (!patient) found.patient = 'Choose a patient';
    if (wants === 'doctor' && !doctorId) found.doctor = 'Choose a doctor';
    if (wants === 'specialty' && !specialty) found.specialty = 'Choose a specialty';
    setErrors(found);
    setStatus('');
    if (Object.keys(found).length > 0 || !patient) return;
    const entry: NewWaitlistEntry = {
      patientId: patient.id,
      ...(wants === 'doctor' ? { doctorId, ...(visitTypeId ? { visitTypeId } : {}) } : { specialty }),
      windows: toWindows(rows),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    add.mutate(entry, {
      onSuccess: () => {
        setStatus(`${patient.name} is on the waitlist.`);
        setPatient(null);
        setRows([newWindowRow()]);
        setNote('');
      },
    });
  }

  return (
    <form aria-label="Add to the waitlist" className="card waitlist-form" onSubmit={submit} noValidate>
      <PatientCombobox value={patient} onChange={setPatient} error={errors.patient} />
      <fieldset className="waitlist-wants">
        <legend>Waiting for</legend>
        <label>
          <input type="radio" name="wants" checked={wants === 'doctor'} onChange={() => setWants('doctor')} /> A particular doctor
        </label>
        <label>
          <input type="radio" name="wants" checked={wants === 'specialty'} onChange={() => setWants('specialty')} /> Any doctor of a
          specialty
        </label>
      </fieldset>
      <div className="form-grid">
        {wants === 'doctor' ? (
          <Field label="Doctor" error={errors.doctor}>
            {(p) => (
              <select
                {...p}
                value={doctorId}
                onChange={(e) => {
                  setDoctorId(e.target.value);
                  setVisitTypeId('');
                }}
              >
                <option value="">Choose a doctor</option>
                {doctors.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name} ({d.specialty})
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <Field label="Specialty" error={errors.specialty}>
            {(p) => (
              <select {...p} value={specialty} onChange={(e) => setSpecialty(e.target.value)}>
                <option value="">Choose a specialty</option>
                {specialties.map((name) => (
                  <option key={name}>{name}</option>
                ))}
              </select>
            )}
          </Field>
        )}
        {wants === 'doctor' && (
          <VisitTypeField offered={offered} standardMinutes={doctor?.slotMinutes} value={visitTypeId} onChange={setVisitTypeId} />
        )}
      </div>
      <WindowsEditor rows={rows} errors={errors} onChange={setRows} />
      <Field label="Note" hint="Optional; for the desk, not sent to the patient">
        {(p) => <textarea {...p} rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {add.isError && <ErrorAlert title="The patient was not added to the waitlist." error={add.error} />}
      <FormActions submitLabel="Add to waitlist" pending={add.isPending} pendingText="Adding…" status={status} />
    </form>
  );
}
