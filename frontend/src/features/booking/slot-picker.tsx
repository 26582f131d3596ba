import { ErrorAlert } from '../../components/alert';
import { formatTime } from '../../lib/time';
import type { Slot } from '../../services/api';
import { useSites } from '../sites/use-sites';
import { useAvailability } from './use-availability';

/** Slots by site, in the order they come; a clinic with one site sends none and gets one group. */
function bySite(slots: Slot[]): Array<{ siteId: string; slots: Slot[] }> {
  const groups: Array<{ siteId: string; slots: Slot[] }> = [];
  for (const slot of slots) {
    const siteId = slot.siteId ?? '';
    const group = groups.find((g) => g.siteId === siteId);
    if (group) group.slots.push(slot);
    else groups.push({ siteId, slots: [slot] });
  }
  return groups;
}

/**
 * The free slots of one doctor's day, as buttons named by their start time; where the doctor
 * works at several sites, grouped by site and each in that site's zone.
 */
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
  const sites = useSites();
  const siteName = (siteId: string) => sites.data?.find((site) => site.id === siteId)?.name ?? 'Another site';

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
            {availability.data.bufferMinutes > 0 ? ` with ${availability.data.bufferMinutes} minutes free after each` : ''}
            {availability.data.slots.some((slot) => slot.siteId)
              ? ', times in each site’s zone'
              : `, times in ${availability.data.timezone}`}
            {patientId ? '; times the patient is already booked are left out' : ''}.
          </p>
          {bySite(availability.data.slots).map((group) => (
            <div key={group.siteId}>
              {group.siteId && (
                <p className="slot-site">
                  At {siteName(group.siteId)}, times in {group.slots[0]!.timezone}
                </p>
              )}
              <ul className="slot-list">
                {group.slots.map((slot) => (
                  <li key={slot.start}>
                    <button
                      type="button"
                      className="slot"
                      aria-pressed={selected === slot.start}
                      aria-label={group.siteId ? `${formatTime(slot.start, slot.timezone!)} at ${siteName(group.siteId)}` : undefined}
                      onClick={() => onSelect(slot)}
                    >
                      {formatTime(slot.start, slot.timezone ?? availability.data.timezone)}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </>
      )}
      <p id={error ? 'slot-error' : undefined} className="field-error">
        {error}
      </p>
    </fieldset>
  );
}
