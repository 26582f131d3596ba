import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { useClinic } from '../../lib/clinic-config';
import { formatDay } from '../../lib/time';
import { useDoctors } from '../doctors/use-doctors';
import { useSites } from '../sites/use-sites';
import { CalendarBoard } from './calendar-board';
import { dateParam, DateNav } from './date-nav';
import { dayGrid, dayRange } from './day-grid';
import { useRenderTiming } from './render-timing';
import { useRangeAppointments, useRangeTimeOff } from './use-calendar-data';
import { useNarrow } from './use-narrow';
import { workingWindows } from './working-hours';

/**
 * The day view: the clinic's day on a time grid, a column per doctor working it; with a site
 * chosen, that site's day in its own zone.
 */
export default function DayView() {
  const config = useClinic();
  const [params, setParams] = useSearchParams();
  const sites = useSites();
  const site = sites.data?.find((s) => s.id === params.get('site'));
  const others = (sites.data ?? []).filter((s) => !s.isDefault);
  const clinic = {
    ...config,
    timezone: site?.timezone ?? config.timezone,
    mainZone: config.timezone,
    siteZones: Object.fromEntries(others.map((s) => [s.id, s.timezone])),
    onlySite: site ? (site.isDefault ? '' : site.id) : undefined,
  };
  const { timezone } = clinic;
  const date = dateParam(params, timezone);
  // In the address, like the date, so a filtered day can be bookmarked or shared.
  const specialty = params.get('specialty') ?? '';
  const [chosen, setChosen] = useState('');
  const narrow = useNarrow();
  const setParam = (name: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const { from, to } = dayRange(date, timezone);
  const doctors = useDoctors();
  const everywhere = useRangeAppointments(from, to);
  // With a site chosen, only its visits: a doctor's visits elsewhere that day are another site's grid.
  const atSite = (everywhere.data ?? []).filter((a) => !site || a.site.id === site.id);
  const roster = doctors.data?.items ?? [];
  const specialties = [...new Set(roster.map((d) => d.specialty))].sort();
  const listed = roster.filter((d) => !specialty || d.specialty === specialty);
  // Time off is read only for the doctors shown: those working that day or with a visit on it.
  const visiting = new Set(atSite.map((a) => a.doctorId));
  const shownIds = listed.filter((d) => visiting.has(d.id) || workingWindows(date, d.schedule, clinic).length > 0).map((d) => d.id);
  const timeOff = useRangeTimeOff(shownIds, from, to);
  const ready = doctors.isSuccess && everywhere.isSuccess && !timeOff.isPending;

  const grid = ready
    ? dayGrid({ date, clinic, doctors: listed, appointments: atSite, timeOff: timeOff.byDoctor })
    : { columns: [], rowLabels: [] };
  useRenderTiming(ready);

  const columns = grid.columns.map((c) => ({
    ...c,
    heading: (
      <>
        <Link to={`/doctors/${encodeURIComponent(c.doctor.id)}/week?date=${date}`} className="cal-doctor">
          {c.doctor.name}
          <span className="visually-hidden"> (week view)</span>
        </Link>
        <span className="cal-sub">
          {c.doctor.specialty} · {c.count} {c.count === 1 ? 'appointment' : 'appointments'}
        </span>
      </>
    ),
  }));
  const shown = narrow ? columns.filter((c) => c.key === chosen).slice(0, 1) : columns;
  const visible = narrow && shown.length === 0 ? columns.slice(0, 1) : shown;
  const error = doctors.error ?? everywhere.error ?? timeOff.error;

  return (
    <>
      <div className="filters">
        <DateNav date={date} timezone={timezone} unit="day" onChange={(d) => setParam('date', d)} />
        {others.length > 0 && (
          <Field label="Site">
            {(p) => (
              <select {...p} value={site?.id ?? ''} onChange={(e) => setParam('site', e.target.value)}>
                <option value="">All sites ({config.timezone})</option>
                {(sites.data ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({s.timezone})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label="Specialty">
          {(p) => (
            <select {...p} value={specialty} onChange={(e) => setParam('specialty', e.target.value)}>
              <option value="">All specialties</option>
              {specialties.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          )}
        </Field>
        {narrow && columns.length > 0 && (
          <Field label="Doctor">
            {(p) => (
              <select {...p} value={visible[0]?.key ?? ''} onChange={(e) => setChosen(e.target.value)}>
                {columns.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.doctor.name} ({c.count})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <p className="day-heading">{formatDay(date)}</p>
      {!ready && !error && <p className="muted">Loading the day…</p>}
      {error && (
        <ErrorAlert
          title="The schedule could not be loaded."
          error={error}
          onRetry={() => {
            void doctors.refetch();
            void everywhere.refetch();
            timeOff.refetch();
          }}
        />
      )}
      {ready && roster.length === 0 && <p className="empty">No doctors yet. Add them on the Doctors page.</p>}
      {ready && roster.length > 0 && columns.length === 0 && <p className="empty">No doctor works on this day.</p>}
      {ready && columns.length > 0 && (
        <CalendarBoard label={`Appointments on ${formatDay(date)}`} columns={visible} rowLabels={grid.rowLabels} zone={timezone} />
      )}
    </>
  );
}
