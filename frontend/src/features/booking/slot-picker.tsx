import { ErrorAlert } from '../../components/alert';
import { formatTime } from '../../lib/time';
import { useAvailability } from './use-availability';

/** The free slots of one doctor's day, as buttons named by their clinic start time. */
export function SlotPicker({
  doctorId,
  date,
  selected,
  onSelect,
  error,
  duration,
  patientId,
  visitTypeId,
}: {
  doctorId: string;
  date: string;
  selected: string;
  onSelect: (slot: { start: string; end: string }) => void;
  error?: string;
  duration?: number;
  patientId?: string;
  visitTypeId?: string;
}) {
  const availability = useAvailability({ doctorId, date, duration, patientId, visitTypeId });

  return (
    <fieldset className="slots" aria-describedby={error ? 'slot-error' : undefined}>
      <legend>Free slots</legend>
      {!doctorId && <p className="muted">Choose a doctor to see their free slots.</p>}
      {doctorId && !date && <p className="muted">Choose a date to see the free slots.</p>}
      {availability.isLoading && <p className="muted">Loading free slots…</p>}
      {availability.isError && (
        <ErrorAlert title="The free slots could not be loaded." error={availability.error} onRetry={() => void availability.refetch()} />
      )}
      {availability.data && availability.data.slots.length === 0 && <p className="empty">No free slots on this day. Try another date.</p>}
      {availability.data && availability.data.slots.length > 0 && (
        <>
          <p className="muted">
            {availability.data.slotMinutes}-minute slots
            {availability.data.bufferMinutes > 0 ? ` with ${availability.data.bufferMinutes} minutes free after each` : ''}, times in{' '}
            {availability.data.timezone}
            {patientId ? '; times the patient is already booked are left out' : ''}.
          </p>
          <ul className="slot-list">
            {availability.data.slots.map((slot) => (
              <li key={slot.start}>
                <button type="button" className="slot" aria-pressed={selected === slot.start} onClick={() => onSelect(slot)}>
                  {formatTime(slot.start, availability.data.timezone)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <p id={error ? 'slot-error' : undefined} className="field-error">
        {error}
      </p>
    </fieldset>
  );
}
