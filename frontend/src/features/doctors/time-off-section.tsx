import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-actions';
import { formatInstantDay, formatTime, todayInZone } from '../../lib/time';
import { ApiError, type CreatedTimeOff, type TimeOff } from '../../services/api';
import { useAddTimeOff, useRemoveTimeOff, useTimeOff } from './use-time-off';

const REASONS: Array<[TimeOff['reason'], string]> = [
  ['holiday', 'Holiday'],
  ['sick_leave', 'Sick leave'],
  ['training', 'Training'],
  ['other', 'Other'],
];
const reasonLabel = (reason: TimeOff['reason']) => REASONS.find(([value]) => value === reason)?.[1] ?? reason;

function formatRange(start: string, end: string, timezone: string) {
  const [from, to] = [formatInstantDay(start, timezone), formatInstantDay(end, timezone)];
  return from === to
    ? `${from}, ${formatTime(start, timezone)}–${formatTime(end, timezone)}`
    : `${from} ${formatTime(start, timezone)} – ${to} ${formatTime(end, timezone)}`;
}

/** The appointments a new time off covers: kept, for the desk to move or cancel one by one. */
function Affected({ created, timezone }: { created: CreatedTimeOff; timezone: string }) {
  if (created.affected.length === 0) return null;
  return (
    <div className="card" role="region" aria-label="Appointments inside the time off">
      <p>
        {created.affected.length === 1
          ? 'One appointment is inside this time off. It was kept: move or cancel it on the Appointments page.'
          : `${created.affected.length} appointments are inside this time off. They were kept: move or cancel them on the Appointments page.`}
      </p>
      <ul>
        {created.affected.map((a) => (
          <li key={a.id}>
            {formatInstantDay(a.start, timezone)} {formatTime(a.start, timezone)}:{' '}
            <Link to={`/patients/${a.patient.id}`}>{a.patient.name}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A doctor's coming time off: the list, removing one, and adding one by clinic-local date and time. */
export function TimeOffSection({ doctorId, timezone, canEdit }: { doctorId: string; timezone: string; canEdit: boolean }) {
  const [since] = useState(() => new Date().toISOString());
  const timeOff = useTimeOff(doctorId, since);
  const add = useAddTimeOff(doctorId);
  const remove = useRemoveTimeOff(doctorId);
  const today = todayInZone(timezone);
  const [form, setForm] = useState({ startDate: today, startTime: '09:00', endDate: today, endTime: '17:00', reason: 'holiday' });
  const [created, setCreated] = useState<CreatedTimeOff | null>(null);
  const fieldError = (path: string) =>
    add.error instanceof ApiError ? add.error.details.find((detail) => detail.path === path)?.message : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    add.mutate(
      {
        start: `${form.startDate}T${form.startTime}:00`,
        end: `${form.endDate}T${form.endTime}:00`,
        reason: form.reason as TimeOff['reason'],
      },
      { onSuccess: setCreated },
    );
  }
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });

  return (
    <section aria-labelledby="time-off-heading" className="card">
      <h2 id="time-off-heading">Time off</h2>
      {timeOff.isPending && <p className="muted">Loading time off…</p>}
      {timeOff.isError && (
        <ErrorAlert title="The time off could not be loaded." error={timeOff.error} onRetry={() => void timeOff.refetch()} />
      )}
      {timeOff.isSuccess && timeOff.data.length === 0 && <p className="empty">No time off coming up.</p>}
      {timeOff.isSuccess && timeOff.data.length > 0 && (
        <ul className="time-off-list">
          {timeOff.data.map((item) => (
            <li key={item.id}>
              <span>
                {formatRange(item.start, item.end, timezone)} · {reasonLabel(item.reason)}
              </span>
              {canEdit && (
                <button
                  type="button"
                  className="button-secondary"
                  aria-label={`Remove time off ${formatRange(item.start, item.end, timezone)}`}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(item.id)}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {remove.isError && <ErrorAlert title="The time off was not removed." error={remove.error} />}
      {canEdit && (
        <form onSubmit={submit} aria-label="Add time off" className="time-off-form">
          <h3>Add time off</h3>
          <Field label="From date" error={fieldError('start')}>
            {(p) => <input {...p} type="date" required value={form.startDate} onChange={set('startDate')} />}
          </Field>
          <Field label="From time" hint={`Clinic time (${timezone})`}>
            {(p) => <input {...p} type="time" required value={form.startTime} onChange={set('startTime')} />}
          </Field>
          <Field label="Until date" error={fieldError('end')}>
            {(p) => <input {...p} type="date" required value={form.endDate} onChange={set('endDate')} />}
          </Field>
          <Field label="Until time" hint="The first minute back at work">
            {(p) => <input {...p} type="time" required value={form.endTime} onChange={set('endTime')} />}
          </Field>
          <Field label="Reason">
            {(p) => (
              <select {...p} value={form.reason} onChange={set('reason')}>
                {REASONS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <FormActions
            submitLabel="Add time off"
            pending={add.isPending}
            pendingText="Adding the time off…"
            status={created ? `Added: ${formatRange(created.start, created.end, timezone)}.` : ''}
          />
          {add.isError && !fieldError('start') && !fieldError('end') && (
            <ErrorAlert title="The time off was not added." error={add.error} />
          )}
        </form>
      )}
      {created && <Affected created={created} timezone={timezone} />}
    </section>
  );
}
