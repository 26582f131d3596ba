import { useEffect, useRef, useState } from 'react';
import { Alert, ErrorAlert } from '../../components/alert';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { dateInZone, formatInstantDay, formatTimeRange, todayInZone } from '../../lib/time';
import type { Appointment, Slot } from '../../services/api';
import { conflictMessage, isConflict } from '../booking/conflict-message';
import { SlotPicker } from '../booking/slot-picker';
import { usePatientClash } from '../booking/use-patient-clash';
import { useRescheduleAppointment } from './use-reschedule-appointment';

/** Moves a booked appointment to one of the free slots of a chosen day. */
export function RescheduleDialog({
  appointment,
  timezone,
  onClose,
  onRescheduled,
}: {
  appointment: Appointment | null;
  timezone: string;
  onClose: () => void;
  onRescheduled: (appointment: Appointment) => void;
}) {
  return (
    <Dialog open={appointment !== null} title="Reschedule appointment" onClose={onClose}>
      {appointment && (
        <ReschedulePicker
          key={appointment.id}
          appointment={appointment}
          timezone={timezone}
          onClose={onClose}
          onRescheduled={onRescheduled}
        />
      )}
    </Dialog>
  );
}

function ReschedulePicker({
  appointment,
  timezone,
  onClose,
  onRescheduled,
}: {
  appointment: Appointment;
  timezone: string;
  onClose: () => void;
  onRescheduled: (appointment: Appointment) => void;
}) {
  const [date, setDate] = useState(() => dateInZone(appointment.start, timezone));
  const [tried, setTried] = useState<Slot | null>(null);
  const reschedule = useRescheduleAppointment();
  const outcome = useRef<HTMLDivElement>(null);
  // Ask for slots as long as this appointment, so every slot offered can hold it.
  const minutes = Math.round((Date.parse(appointment.end) - Date.parse(appointment.start)) / 60_000);

  function choose(slot: Slot) {
    // A second click while the first move is in flight would race it.
    if (reschedule.isPending) return;
    setTried(slot);
    reschedule.mutate({ id: appointment.id, start: slot.start }, { onSuccess: onRescheduled });
  }

  const error = reschedule.error;
  const patientBusy = isConflict(error) && error.code === 'PATIENT_CONFLICT';
  const clash = usePatientClash(patientBusy ? appointment.patientId : null, tried, appointment.id);
  const conflict =
    isConflict(error) && tried
      ? conflictMessage(error, {
          slot: tried,
          clash,
          doctorName: appointment.doctor.name,
          patientName: appointment.patient.name,
          timezone,
        })
      : null;

  // The slot clicked is gone once the slots reload, and the message may sit below the dialog's
  // visible area: focus moves to the message, which scrolls it into view and reads it out.
  useEffect(() => {
    if (error) outcome.current?.focus();
  }, [error]);

  return (
    <>
      <p>
        {appointment.patient.name} with {appointment.doctor.name} is booked for {formatInstantDay(appointment.start, timezone)} at{' '}
        <span className="nowrap">{formatTimeRange(appointment.start, appointment.end, timezone)}</span>. Choose a new day and time.
      </p>
      <Field label="New date" hint={`Clinic time (${timezone})`}>
        {(p) => (
          <input
            {...p}
            type="date"
            min={todayInZone(timezone)}
            value={date}
            onChange={(e) => {
              setDate(e.target.value);
              reschedule.reset();
            }}
          />
        )}
      </Field>
      <div ref={outcome} tabIndex={-1} className="dialog-outcome">
        {conflict && (
          <Alert title={conflict.title}>
            <p>{conflict.text}</p>
          </Alert>
        )}
        {error && !conflict && <ErrorAlert title="The appointment was not moved." error={error} />}
      </div>
      <SlotPicker
        doctorId={appointment.doctorId}
        date={date}
        duration={minutes}
        patientId={appointment.patientId}
        selected=""
        onSelect={choose}
      />
      <p role="status" className="form-status">
        {reschedule.isPending ? 'Moving the appointment…' : ''}
      </p>
      <div className="dialog-actions">
        <button type="button" className="button-secondary" onClick={onClose} data-autofocus>
          Keep current time
        </button>
      </div>
    </>
  );
}
