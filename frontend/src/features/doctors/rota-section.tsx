import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-actions';
import { formatDate, formatInstantDay, formatTime, todayInZone } from '../../lib/time';
import { getRota, setRota, type Appointment, type Weekly } from '../../services/api';
import { availabilityKey } from '../booking/use-availability';
import { useSites } from '../sites/use-sites';
import { doctorsKey } from './use-doctors';

const DAYS = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
] as const;
type Day = (typeof DAYS)[number][0];
/** One day's window; siteId '' is the main site. */
type DayForm = { works: boolean; start: string; end: string; siteId: string };

const toForm = (weekly: Weekly): Record<Day, DayForm> =>
  Object.fromEntries(
    DAYS.map(([day]) => {
      const window = weekly[day]?.[0];
      return [day, { works: Boolean(window), start: window?.start ?? '09:00', end: window?.end ?? '17:00', siteId: window?.siteId ?? '' }];
    }),
  ) as Record<Day, DayForm>;

/**
 * The weekly rota: what applies today, and a new one from a chosen date (one window a day here,
 * at a site when the clinic has several; the API takes several). Appointments the new hours
 * leave out are listed, not cancelled.
 */
export function RotaSection({ doctorId, timezone }: { doctorId: string; timezone: string }) {
  const queryClient = useQueryClient();
  const today = todayInZone(timezone);
  const current = useQuery({ queryKey: [...doctorsKey, 'rota', doctorId, today], queryFn: () => getRota(doctorId, today) });
  const [from, setFrom] = useState(today);
  const [edits, setEdits] = useState<Record<Day, DayForm> | null>(null);
  const [outside, setOutside] = useState<Appointment[] | null>(null);
  const sites = useSites();
  const others = (sites.data ?? []).filter((site) => !site.isDefault);
  const main = sites.data?.find((site) => site.isDefault);
  const save = useMutation({
    mutationFn: (weekly: Weekly) => setRota(doctorId, { effectiveFrom: from, weekly }),
    onSuccess: (answer) => setOutside(answer.outsideHours),
    onSettled: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: doctorsKey }), queryClient.invalidateQueries({ queryKey: availabilityKey })]),
  });
  if (current.isPending) return <p className="muted">Loading the rota…</p>;
  if (current.isError)
    return <ErrorAlert title="The rota could not be loaded." error={current.error} onRetry={() => void current.refetch()} />;
  const days = edits ?? toForm(current.data.weekly);
  const change = (day: Day, patch: Partial<DayForm>) => setEdits({ ...days, [day]: { ...days[day], ...patch } });

  function submit(event: FormEvent) {
    event.preventDefault();
    setOutside(null);
    const weekly = Object.fromEntries(
      DAYS.filter(([day]) => days[day].works).map(([day]) => {
        const { start, end, siteId } = days[day];
        return [day, [siteId ? { start, end, siteId } : { start, end }]];
      }),
    ) as Weekly;
    save.mutate(weekly);
  }

  return (
    <section aria-labelledby="rota-heading" className="card">
      <h2 id="rota-heading">Weekly rota</h2>
      <p className="muted">
        {current.data.effectiveFrom ? `In force since ${formatDate(current.data.effectiveFrom)}.` : 'The base week applies today.'}{' '}
        {others.length > 0 ? 'Times in each site’s own zone.' : `Times in ${timezone}.`}
      </p>
      <form onSubmit={submit} aria-label="New rota" className="rota-form">
        <Field label="From date" hint="Earlier days keep their rota">
          {(p) => <input {...p} type="date" required min={today} value={from} onChange={(e) => setFrom(e.target.value)} />}
        </Field>
        {DAYS.map(([day, name]) => (
          <fieldset key={day} className="rota-day">
            <legend>{name}</legend>
            <label>
              <input
                type="checkbox"
                aria-label={`${name}: works`}
                checked={days[day].works}
                onChange={(e) => change(day, { works: e.target.checked })}
              />{' '}
              Works
            </label>
            <label>
              From{' '}
              <input
                type="time"
                aria-label={`${name} from`}
                disabled={!days[day].works}
                value={days[day].start}
                onChange={(e) => change(day, { start: e.target.value })}
              />
            </label>
            <label>
              Until{' '}
              <input
                type="time"
                aria-label={`${name} until`}
                disabled={!days[day].works}
                value={days[day].end}
                onChange={(e) => change(day, { end: e.target.value })}
              />
            </label>
            {others.length > 0 && (
              <label>
                At{' '}
                <select
                  aria-label={`${name} site`}
                  disabled={!days[day].works}
                  value={days[day].siteId}
                  onChange={(e) => change(day, { siteId: e.target.value })}
                >
                  <option value="">{main ? `${main.name} (${main.timezone})` : 'Main site'}</option>
                  {others.map((site) => (
                    <option key={site.id} value={site.id}>
                      {site.name} ({site.timezone})
                    </option>
                  ))}
                </select>
              </label>
            )}
          </fieldset>
        ))}
        <FormActions
          submitLabel="Save rota"
          pending={save.isPending}
          pendingText="Saving the rota…"
          status={save.isSuccess ? `Saved: from ${formatDate(from)}.` : ''}
        />
        {save.isError && <ErrorAlert title="The rota was not saved." error={save.error} />}
      </form>
      {outside && outside.length > 0 && (
        <div role="region" aria-label="Appointments outside the new hours">
          <p>These appointments fall outside the new hours. They were kept: move or cancel them on the Appointments page.</p>
          <ul>
            {outside.map((a) => (
              <li key={a.id}>
                {formatInstantDay(a.start, timezone)} {formatTime(a.start, timezone)}:{' '}
                <Link to={`/patients/${a.patient.id}`}>{a.patient.name}</Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
