import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { formatInstantDay, formatTime } from '../../lib/time';
import { newIdempotencyKey, type Appointment } from '../../services/api';
import { useCancelAppointment } from './use-cancel-appointment';

/** Asks before cancelling; one key per confirmation so a retried click cancels only once. */
export function CancelDialog({
  appointment,
  timezone,
  onClose,
  onCancelled,
}: {
  appointment: Appointment | null;
  timezone: string;
  onClose: () => void;
  onCancelled: (appointment: Appointment) => void;
}) {
  return (
    <Dialog open={appointment !== null} title="Cancel this appointment?" onClose={onClose}>
      {appointment && (
        <CancelConfirmation
          key={appointment.id}
          appointment={appointment}
          timezone={timezone}
          onClose={onClose}
          onCancelled={onCancelled}
        />
      )}
    </Dialog>
  );
}

function CancelConfirmation({
  appointment,
  timezone,
  onClose,
  onCancelled,
}: {
  appointment: Appointment;
  timezone: string;
  onClose: () => void;
  onCancelled: (appointment: Appointment) => void;
}) {
  const [reason, setReason] = useState('');
  const [idempotencyKey] = useState(newIdempotencyKey);
  const cancel = useCancelAppointment();

  function confirm() {
    cancel.mutate({ id: appointment.id, reason: reason.trim() || undefined, idempotencyKey }, { onSuccess: onCancelled });
  }

  return (
    <>
      <p>
        {appointment.patient.name} with {appointment.doctor.name}, {formatInstantDay(appointment.start, timezone)} at{' '}
        {formatTime(appointment.start, timezone)}. The time becomes free for others to book.
      </p>
      <Field label="Why is it cancelled?" hint="Optional">
        {(p) => <input {...p} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      {cancel.isError && <ErrorAlert title="The appointment was not cancelled." error={cancel.error} />}
      <div className="dialog-actions">
        <button type="button" className="button-danger" onClick={confirm} disabled={cancel.isPending}>
          Cancel appointment
        </button>
        <button type="button" className="button-secondary" onClick={onClose} data-autofocus>
          Keep appointment
        </button>
      </div>
    </>
  );
}
