import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { useClinic } from '../../lib/clinic-config';
import { formatDate, formatInstantDay, formatTime, formatTimeRange } from '../../lib/time';
import type { WaitlistEntry, WaitlistOffer, WaitlistStatus, WaitlistWindow } from '../../services/waitlist-api';
import { useDoctors } from '../doctors/use-doctors';
import { useRemoveFromWaitlist, useWaitlist } from './use-waitlist';

const PAGE = 100;
const STATUSES: WaitlistStatus[] = ['waiting', 'offered', 'booked', 'removed'];
const WEEKDAY_NAMES = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' } as const;

const describeWindow = ({ weekday, date, start, end }: WaitlistWindow) =>
  `${weekday ? `${WEEKDAY_NAMES[weekday]}s` : date ? formatDate(date) : ''} ${start}–${end}`;

function offerOutcome(offer: WaitlistOffer, zone: string): string {
  const at = (iso: string | null) => (iso ? `${formatInstantDay(iso, zone)} ${formatTime(iso, zone)}` : '');
  switch (offer.status) {
    case 'open':
      return `held until ${at(offer.expiresAt)}`;
    case 'accepted':
      return `accepted ${at(offer.decidedAt)}`;
    case 'declined':
      return `declined ${at(offer.decidedAt)}`;
    case 'expired':
      return 'expired unanswered';
    case 'withdrawn':
      return 'withdrawn';
  }
}

/** The queue, oldest first, with each entry's offers and how they ended. */
export function WaitlistQueue() {
  const { timezone } = useClinic();
  const [doctorId, setDoctorId] = useState('');
  const [status, setStatus] = useState<WaitlistStatus | ''>('waiting');
  const [offset, setOffset] = useState(0);
  const doctors = useDoctors().data?.items ?? [];
  const queue = useWaitlist({ doctorId: doctorId || undefined, status: status || undefined, limit: PAGE, offset });
  const remove = useRemoveFromWaitlist();

  return (
    <>
      <div className="filters">
        <Field label="Doctor">
          {(p) => (
            <select
              {...p}
              value={doctorId}
              onChange={(e) => {
                setDoctorId(e.target.value);
                setOffset(0);
              }}
            >
              <option value="">All doctors</option>
              {doctors.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Status">
          {(p) => (
            <select
              {...p}
              value={status}
              onChange={(e) => {
                setStatus(e.target.value as WaitlistStatus | '');
                setOffset(0);
              }}
            >
              <option value="">Any</option>
              {STATUSES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {remove.isError && <ErrorAlert title="The entry was not removed." error={remove.error} />}
      {queue.isPending ? (
        <p className="muted">Loading the waitlist…</p>
      ) : queue.isError ? (
        <ErrorAlert title="The waitlist could not be loaded." error={queue.error} onRetry={() => void queue.refetch()} />
      ) : queue.data.items.length === 0 ? (
        <p className="empty">No one is on the waitlist{status ? ` with status ${status}` : ''}.</p>
      ) : (
        <>
          <p className="muted">
            {queue.data.total} {queue.data.total === 1 ? 'entry' : 'entries'}, oldest first
          </p>
          <ol className="waitlist-queue" start={offset + 1}>
            {queue.data.items.map((entry, index) => (
              <QueueEntry
                key={entry.id}
                entry={entry}
                position={offset + index + 1}
                zone={timezone}
                removing={remove.isPending && remove.variables === entry.id}
                onRemove={() => remove.mutate(entry.id)}
              />
            ))}
          </ol>
          {queue.data.total > PAGE && (
            <div className="pager">
              <button type="button" className="button-secondary" disabled={offset === 0} onClick={() => setOffset(offset - PAGE)}>
                Earlier
              </button>
              <button
                type="button"
                className="button-secondary"
                disabled={offset + PAGE >= queue.data.total}
                onClick={() => setOffset(offset + PAGE)}
              >
                Later
              </button>
            </div>
          )}
        </>
      )}
    </>
  );
}

function QueueEntry(props: { entry: WaitlistEntry; position: number; zone: string; removing: boolean; onRemove: () => void }) {
  const { entry, position, zone, removing, onRemove } = props;
  const wants = entry.doctor ? `${entry.doctor.name} (${entry.doctor.specialty})` : `Any ${entry.specialty ?? ''} doctor`;
  return (
    <li>
      <article className="card waitlist-entry" aria-label={`${position}. ${entry.patient.name}`}>
        <h3>
          <span className="muted">#{position}</span> {entry.patient.name}
          <span className={`waitlist-status waitlist-status-${entry.status}`}>{entry.status}</span>
        </h3>
        <dl>
          <dt>Waiting for</dt>
          <dd>
            {wants}
            {entry.visitType && `, ${entry.visitType.name}`}
          </dd>
          <dt>Could come</dt>
          <dd>{entry.windows.map(describeWindow).join('; ')}</dd>
          <dt>Since</dt>
          <dd>{formatInstantDay(entry.createdAt, zone)}</dd>
          {entry.note && (
            <>
              <dt>Note</dt>
              <dd>{entry.note}</dd>
            </>
          )}
        </dl>
        {entry.offers.length > 0 && (
          <ul aria-label={`Offers to ${entry.patient.name}`} className="waitlist-offers">
            {entry.offers.map((offer) => (
              <li key={offer.id}>
                {formatInstantDay(offer.start, zone)} {formatTimeRange(offer.start, offer.end, zone)}:{' '}
                <strong>{offerOutcome(offer, zone)}</strong>
              </li>
            ))}
          </ul>
        )}
        {entry.status !== 'removed' && entry.status !== 'booked' && (
          <button type="button" className="button-secondary" disabled={removing} onClick={onRemove}>
            {removing ? 'Removing…' : `Remove ${entry.patient.name}`}
          </button>
        )}
      </article>
    </li>
  );
}
