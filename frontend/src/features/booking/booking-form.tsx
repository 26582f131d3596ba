import { useEffect, useState, type FormEvent } from 'react';
import { Alert, ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-actions';
import { useClinic } from '../../lib/clinic-config';
import { hasErrors, type FieldErrors } from '../../lib/form-errors';
import { formatInstantDay, formatTime, todayInZone } from '../../lib/time';
import type { Patient, Slot } from '../../services/api';
import { useDoctors } from '../doctors/use-doctors';
import { useOfferedVisitTypes, VisitTypeField } from '../doctors/visit-type-field';
import { PatientCombobox } from '../patients/patient-combobox';
import { usePatient } from '../patients/use-patient';
import { conflictMessage, isConflict } from './conflict-message';
import { SlotPicker } from './slot-picker';
import { useBookAppointment } from './use-book-appointment';
import { usePatientClash } from './use-patient-clash';

/** What "book again" fills in: the same doctor and patient. */
export type BookingPreset = { doctorId?: string; patientId?: string };

export function BookingForm({ preset = {} }: { preset?: BookingPreset }) {
  const { timezone } = useClinic();
  const today = todayInZone(timezone);
  const [doctorId, setDoctorId] = useState(preset.doctorId ?? '');
  const [date, setDate] = useState(today);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [patient, setPatient] = useState<Patient | null>(null);
  const [reason, setReason] = useState('');
  const [visitTypeId, setVisitTypeId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [booked, setBooked] = useState('');
  const doctors = useDoctors();
  const presetPatient = usePatient(preset.patientId ?? null);
  const book = useBookAppointment();

  useEffect(() => {
    if (presetPatient.data) setPatient(presetPatient.data);
  }, [presetPatient.data]);

  const doctorList = doctors.data?.items ?? [];
  const doctor = doctorList.find((d) => d.id === doctorId);
  const offered = useOfferedVisitTypes(doctorId);

  // Any new choice makes the last outcome stale: its alert or confirmation goes.
  function changed() {
    book.reset();
    setBooked('');
  }

  function chooseDoctor(id: string) {
    setDoctorId(id);
    setVisitTypeId('');
    setSlot(null);
    setErrors((e) => ({ ...e, doctorId: undefined }));
    changed();
  }

  function chooseVisitType(id: string) {
    setVisitTypeId(id);
    setSlot(null);
    changed();
  }

  function chooseDate(value: string) {
    setDate(value);
    setSlot(null);
    changed();
  }

  function choosePatient(value: Patient | null) {
    setPatient(value);
    // The slot list now leaves out this patient's booked times; a chosen slot may be one.
    setSlot(null);
    setErrors((e) => ({ ...e, patientId: undefined }));
    changed();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (book.isPending) return;
    setBooked('');
    const found: FieldErrors = {
      doctorId: doctorId ? undefined : 'Choose a doctor.',
      slot: slot ? undefined : 'Choose one of the free slots.',
      patientId: patient ? undefined : 'Choose a patient.',
    };
    setErrors(found);
    if (hasErrors(found) || !slot || !patient) return;
    const body = {
      doctorId,
      patientId: patient.id,
      start: slot.start,
      end: slot.end,
      reason: reason.trim() || undefined,
      visitTypeId: visitTypeId || undefined,
    };
    book.mutate(
      { body, date },
      {
        onSuccess: (appointment) => {
          setBooked(
            `Booked: ${appointment.patient.name} with ${appointment.doctor.name} on ${formatInstantDay(appointment.start, appointment.site.timezone)} at ${formatTime(appointment.start, appointment.site.timezone)}.`,
          );
          setSlot(null);
          setReason('');
        },
        onError: () => setSlot(null),
      },
    );
  }

  const attempt = book.variables;
  const attemptedSlot = attempt ? { start: attempt.body.start, end: attempt.body.end ?? attempt.body.start } : null;
  const patientBusy = isConflict(book.error) && book.error.code === 'PATIENT_CONFLICT';
  const clash = usePatientClash(patientBusy && attempt ? attempt.body.patientId : null, attemptedSlot);
  const conflict =
    isConflict(book.error) && attemptedSlot && doctor && patient
      ? conflictMessage(book.error, {
          slot: attemptedSlot,
          clash,
          doctorName: doctor.name,
          patientName: patient.name,
          timezone,
        })
      : null;

  return (
    <form onSubmit={submit} noValidate className="form">
      {doctors.isError && (
        <ErrorAlert title="The doctors could not be loaded." error={doctors.error} onRetry={() => void doctors.refetch()} />
      )}
      <div className="form-grid">
        <Field
          label="Doctor"
          error={errors.doctorId}
          hint={doctor ? `${doctor.specialty}, ${doctor.slotMinutes}-minute appointments` : undefined}
        >
          {(p) => (
            <select {...p} value={doctorId} onChange={(e) => chooseDoctor(e.target.value)} disabled={doctors.isPending}>
              <option value="">{doctors.isPending ? 'Loading doctors…' : doctorList.length ? 'Choose a doctor' : 'No doctors yet'}</option>
              {doctorList.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <VisitTypeField offered={offered} standardMinutes={doctor?.slotMinutes} value={visitTypeId} onChange={chooseVisitType} />
        <Field label="Date" hint={`Clinic time (${timezone})`}>
          {(p) => <input {...p} type="date" min={today} value={date} onChange={(e) => chooseDate(e.target.value)} />}
        </Field>
        <PatientCombobox value={patient} onChange={choosePatient} error={errors.patientId} />
      </div>
      {presetPatient.isError && <ErrorAlert title="The patient to book again could not be loaded." error={presetPatient.error} />}
      <SlotPicker
        doctorId={doctorId}
        date={date}
        patientId={patient?.id}
        visitTypeId={visitTypeId || undefined}
        selected={slot?.start ?? ''}
        onSelect={(s) => {
          setSlot(s);
          setErrors((e) => ({ ...e, slot: undefined }));
          changed();
        }}
        error={errors.slot}
      />
      <Field label="Reason" hint="Optional">
        {(p) => <input {...p} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      {slot && doctor && (
        <p className="summary">
          {patient ? `${patient.name} with ` : ''}
          {doctor.name}, {formatInstantDay(slot.start, slot.timezone ?? timezone)} at {formatTime(slot.start, slot.timezone ?? timezone)}
        </p>
      )}
      {conflict && (
        <Alert title={conflict.title}>
          <p>{conflict.text}</p>
        </Alert>
      )}
      {book.isError && !isConflict(book.error) && <ErrorAlert title="The appointment was not booked." error={book.error} />}
      <FormActions submitLabel="Book appointment" pending={book.isPending} pendingText="Booking…" status={booked} />
    </form>
  );
}
