import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, ErrorAlert } from '../../components/alert';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { fieldErrorsFrom, hasErrors, schemaErrors, type FieldErrors } from '../../lib/form-errors';
import { formatInstantDay, formatTime } from '../../lib/time';
import type { Appointment, Patient } from '../../services/api';
import { conflictMessage, isConflict } from '../booking/conflict-message';
import { useBookAppointment } from '../booking/use-book-appointment';
import { useOfferedVisitTypes, VisitTypeField } from '../doctors/visit-type-field';
import { usePatientClash } from '../booking/use-patient-clash';
import { PatientCombobox } from '../patients/patient-combobox';
import { emptyPatient, PatientFields, patientRules, type PatientValues } from '../patients/patient-fields';
import { useCreatePatient } from '../patients/use-create-patient';
import { MINUTE } from './wall-time';

export type BookingSlot = { doctor: { id: string; name: string; slotMinutes: number }; date: string; start: number };

/** Click-to-book: a free cell opens this with its doctor and time; Enter in any field books. */
export function BookDialog({
  slot,
  timezone,
  onClose,
  onBooked,
}: {
  slot: BookingSlot | null;
  timezone: string;
  onClose: () => void;
  onBooked: (appointment: Appointment) => void;
}) {
  const when = slot ? new Date(slot.start).toISOString() : '';
  const title = slot ? `Book ${slot.doctor.name}, ${formatInstantDay(when, timezone)} ${formatTime(when, timezone)}` : 'Book';
  return (
    <Dialog open={slot !== null} title={title} onClose={onClose}>
      {slot && <BookForm key={`${slot.doctor.id}-${slot.start}`} slot={slot} timezone={timezone} onClose={onClose} onBooked={onBooked} />}
    </Dialog>
  );
}

function BookForm({
  slot,
  timezone,
  onClose,
  onBooked,
}: {
  slot: BookingSlot;
  timezone: string;
  onClose: () => void;
  onBooked: (appointment: Appointment) => void;
}) {
  const [patient, setPatient] = useState<Patient | null>(null);
  const [adding, setAdding] = useState(false);
  const [newPatient, setNewPatient] = useState<PatientValues>(emptyPatient);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [reason, setReason] = useState('');
  const [visitTypeId, setVisitTypeId] = useState('');
  const offered = useOfferedVisitTypes(slot.doctor.id);
  const visitType = offered.find((type) => type.id === visitTypeId);
  const book = useBookAppointment();
  const create = useCreatePatient();
  const outcome = useRef<HTMLDivElement>(null);
  // A taken email (409 DUPLICATE) or a field the server refused goes next to its field.
  const newPatientErrors = fieldErrorsFrom(create.error, Object.keys(emptyPatient));
  const start = new Date(slot.start).toISOString();
  // The server books the visit type's length, else the doctor's usual one, when no end is sent.
  const minutes = visitType?.durationMinutes ?? slot.doctor.slotMinutes;
  const tried = { start, end: new Date(slot.start + minutes * MINUTE).toISOString() };

  const bookingError = book.error;
  const patientBusy = isConflict(bookingError) && bookingError.code === 'PATIENT_CONFLICT';
  const clash = usePatientClash(patientBusy ? (book.variables?.body.patientId ?? null) : null, patientBusy ? tried : null);
  const conflict = isConflict(bookingError)
    ? conflictMessage(bookingError, {
        slot: tried,
        clash,
        doctorName: slot.doctor.name,
        patientName: patient?.name ?? newPatient.name,
        timezone,
      })
    : null;

  useEffect(() => {
    if (book.error || create.error) outcome.current?.focus();
  }, [book.error, create.error]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (book.isPending || create.isPending) return;
    let chosen = patient;
    if (adding) {
      const body = Object.fromEntries(Object.entries(newPatient).filter(([, v]) => v.trim() !== ''));
      const found = schemaErrors(await patientRules.create(), body);
      setErrors(found);
      if (hasErrors(found)) return;
      chosen = await create.mutateAsync(body as { name: string }).catch(() => null);
    } else if (!chosen) {
      setErrors({ patient: 'Choose a patient, or add a new one' });
      return;
    }
    if (!chosen) return;
    book.mutate(
      {
        body: {
          doctorId: slot.doctor.id,
          patientId: chosen.id,
          start,
          reason: reason.trim() || undefined,
          visitTypeId: visitTypeId || undefined,
        },
        date: slot.date,
      },
      { onSuccess: onBooked },
    );
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="form cal-book">
      {adding ? (
        <fieldset className="cal-new-patient">
          <legend>New patient</legend>
          <PatientFields
            bind={(field) => ({
              name: field,
              value: newPatient[field],
              onChange: (e) => setNewPatient((v) => ({ ...v, [field]: e.target.value })),
            })}
            errors={{ ...newPatientErrors, ...errors }}
            timezone={timezone}
          />
        </fieldset>
      ) : (
        <PatientCombobox
          value={patient}
          onChange={(chosen) => {
            setPatient(chosen);
            setErrors({});
          }}
          error={errors.patient}
        />
      )}
      <button type="button" className="button-link" onClick={() => setAdding(!adding)}>
        {adding ? 'Find an existing patient instead' : 'New patient'}
      </button>
      <VisitTypeField offered={offered} standardMinutes={slot.doctor.slotMinutes} value={visitTypeId} onChange={setVisitTypeId} />
      <Field label="Reason" hint="Optional">
        {(p) => <input {...p} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <div ref={outcome} tabIndex={-1} className="dialog-outcome">
        {conflict && (
          <Alert title={conflict.title}>
            <p>{conflict.text}</p>
          </Alert>
        )}
        {bookingError && !conflict && <ErrorAlert title="The appointment was not booked." error={bookingError} />}
        {create.error && !hasErrors(newPatientErrors) && <ErrorAlert title="The patient was not added." error={create.error} />}
      </div>
      <p role="status" className="form-status">
        {create.isPending ? 'Adding the patient…' : book.isPending ? 'Booking…' : ''}
      </p>
      <div className="dialog-actions">
        <button type="submit" aria-disabled={book.isPending || create.isPending || undefined}>
          Book
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
