import { useState, type FormEvent } from 'react';
import { Alert, ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-actions';
import { useClinic } from '../../lib/clinic-config';
import { hasErrors, type FieldErrors } from '../../lib/form-errors';
import { formatLongDate, formatTime, todayInZone } from '../../lib/time';
import { ApiError, type Patient, type Slot } from '../../services/api';
import { useDoctors } from '../doctors/use-doctors';
import { usePatients } from '../patients/use-patients';
import { SlotPicker } from './slot-picker';
import { useBookAppointment } from './use-book-appointment';

const CONFLICT_TEXT: Record<string, string> = {
  BOOKING_CONFLICT:
    'Someone else has just booked this time with this doctor. The free slots have been refreshed: please choose another time.',
  PATIENT_CONFLICT: 'This patient already has another appointment at this time. Please choose a different time.',
};

/** Patients are listed by name; the email tells apart two patients who share one. */
function patientLabels(patients: Patient[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const p of patients) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  return new Map(patients.map((p) => [p.id, (counts.get(p.name) ?? 0) > 1 ? `${p.name} (${p.email})` : p.name]));
}

export function BookingForm() {
  const { timezone } = useClinic();
  const today = todayInZone(timezone);
  const [doctorId, setDoctorId] = useState('');
  const [date, setDate] = useState(today);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [patientId, setPatientId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [booked, setBooked] = useState('');
  const doctors = useDoctors();
  const patients = usePatients();
  const book = useBookAppointment();

  const doctorList = doctors.data?.items ?? [];
  const patientList = patients.data?.items ?? [];
  const doctor = doctorList.find((d) => d.id === doctorId);
  const labels = patientLabels(patientList);

  function chooseDoctor(id: string) {
    setDoctorId(id);
    setSlot(null);
    setErrors((e) => ({ ...e, doctorId: undefined }));
  }

  function chooseDate(value: string) {
    setDate(value);
    setSlot(null);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setBooked('');
    const found: FieldErrors = {
      doctorId: doctorId ? undefined : 'Choose a doctor.',
      slot: slot ? undefined : 'Choose one of the free slots.',
      patientId: patientId ? undefined : 'Choose a patient.',
    };
    setErrors(found);
    if (hasErrors(found) || !slot) return;
    const body = { doctorId, patientId, start: slot.start, end: slot.end, reason: reason.trim() || undefined };
    book.mutate(
      { body, date },
      {
        onSuccess: (appointment) => {
          setBooked(
            `Booked: ${appointment.patient.name} with ${appointment.doctor.name} on ${formatLongDate(date)} at ${formatTime(appointment.start, timezone)}.`,
          );
          setSlot(null);
          setReason('');
        },
        onError: () => setSlot(null),
      },
    );
  }

  const conflict = book.error instanceof ApiError && book.error.status === 409;

  return (
    <form onSubmit={submit} noValidate className="form">
      {doctors.isError && (
        <ErrorAlert title="The doctors could not be loaded." error={doctors.error} onRetry={() => void doctors.refetch()} />
      )}
      {patients.isError && (
        <ErrorAlert title="The patients could not be loaded." error={patients.error} onRetry={() => void patients.refetch()} />
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
        <Field label="Date" hint={`Clinic time (${timezone})`}>
          {(p) => <input {...p} type="date" min={today} value={date} onChange={(e) => chooseDate(e.target.value)} />}
        </Field>
      </div>
      <SlotPicker
        doctorId={doctorId}
        date={date}
        selected={slot?.start ?? ''}
        onSelect={(s) => {
          setSlot(s);
          setErrors((e) => ({ ...e, slot: undefined }));
        }}
        error={errors.slot}
      />
      <div className="form-grid">
        <Field
          label="Patient"
          error={errors.patientId}
          hint={patients.isSuccess && patientList.length === 0 ? 'No patients yet: add one on the Patients page.' : undefined}
        >
          {(p) => (
            <select
              {...p}
              value={patientId}
              onChange={(e) => {
                setPatientId(e.target.value);
                setErrors((er) => ({ ...er, patientId: undefined }));
              }}
              disabled={patients.isPending}
            >
              <option value="">{patients.isPending ? 'Loading patients…' : 'Choose a patient'}</option>
              {patientList.map((pt) => (
                <option key={pt.id} value={pt.id}>
                  {labels.get(pt.id)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Reason" hint="Optional">
          {(p) => <input {...p} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </div>
      {slot && doctor && (
        <p className="summary">
          {doctor.name}, {formatLongDate(date)} at {formatTime(slot.start, timezone)}
        </p>
      )}
      {book.isError && conflict && (
        <Alert title="That time is no longer free.">
          <p>{CONFLICT_TEXT[(book.error as ApiError).code] ?? book.error.message}</p>
        </Alert>
      )}
      {book.isError && !conflict && <ErrorAlert title="The appointment was not booked." error={book.error} />}
      <FormActions submitLabel="Book appointment" pending={book.isPending} pendingText="Booking…" status={booked} />
    </form>
  );
}
