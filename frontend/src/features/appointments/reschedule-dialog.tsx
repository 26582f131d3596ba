import { useState } from 'react';
import { Alert, ErrorAlert } from '../../components/alert';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { dateInZone, formatLongDate, formatTimeRange, todayInZone } from '../../lib/time';
import { ApiError, type Appointment, type Slot } from '../../services/api';
import { SlotPicker } from '../booking/slot-picker';
import { useRescheduleAppointment } from './use-reschedule-appointment';

// Plain words for each 409; the free slots are reloaded behind them.
const CONFLICT_TEXT: Record<string, string> = {
  BOOKING_CONFLICT: 'Someone else has just booked this time with this doctor. The free slots have been refreshed: please choose another time.',
  PATIENT_CONFLICT: 'This patient already has another appointment at this time. Please choose a different time.',
  ALREADY_CANCELLED: 'This appointment has been cancelled in the meantime, so it can no longer be moved.',
};

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
  const reschedule = useRescheduleAppointment();
  // Ask for slots as long as this appointment, so every slot offered can hold it.
  const minutes = Math.round((Date.parse(appointment.end) - Date.parse(appointment.start)) / 60_000);

  function choose(slot: Slot) {
    // A second click while the first move is in flight would race it.
    if (reschedule.isPending) return;
    reschedule.mutate({ id: appointment.id, start: slot.start }, { onSuccess: onRescheduled });
  }

  const error = reschedule.error;
  const conflict = error instanceof ApiError && error.status === 409;

  return (
    <>
      <p>
        {appointment.patient.name} with {appointment.doctor.name} is booked for {formatLongDate(dateInZone(appointment.start, timezone))} at{' '}
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
      <SlotPicker doctorId={appointment.doctorId} date={date} duration={minutes} selected="" onSelect={choose} />
      {conflict && (
        <Alert title={error.code === 'ALREADY_CANCELLED' ? 'This appointment can no longer be moved.' : 'That time is no longer free.'}>
          <p>{CONFLICT_TEXT[error.code] ?? error.message}</p>
        </Alert>
      )}
      {error && !conflict && <ErrorAlert title="The appointment was not moved." error={error} />}
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
