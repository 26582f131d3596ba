import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/alert';
import { useClinic } from '../../lib/clinic-config';
import { addDays, formatDay } from '../../lib/time';
import { useDoctor } from '../doctors/use-doctor';
import { CalendarBoard } from './calendar-board';
import { dateParam, DateNav } from './date-nav';
import { useRenderTiming } from './render-timing';
import { useRangeAppointments, useRangeTimeOff } from './use-calendar-data';
import { wallToInstant } from './wall-time';
import { mondayOf, weekGrid } from './week-grid';

const WEEKDAY = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

/** One doctor's week on the same grid: a column per day, Monday first. */
export default function WeekView() {
  const { id = '' } = useParams();
  const clinic = useClinic();
  const { timezone } = clinic;
  const [params, setParams] = useSearchParams();
  const date = dateParam(params, timezone);
  const monday = mondayOf(date);
  const from = new Date(wallToInstant(monday, 0, timezone)).toISOString();
  const to = new Date(wallToInstant(addDays(monday, 7), 0, timezone)).toISOString();
  const doctor = useDoctor(id);
  const appointments = useRangeAppointments(from, to, id);
  const timeOff = useRangeTimeOff([id], from, to);
  const ready = doctor.isSuccess && appointments.isSuccess && !timeOff.isPending;
  useRenderTiming(ready);
  const error = doctor.error ?? appointments.error ?? timeOff.error;
  const name = doctor.data?.name ?? 'Doctor';

  const grid = ready
    ? weekGrid({ monday, clinic, doctor: doctor.data, appointments: appointments.data, timeOff: timeOff.byDoctor.get(id) ?? [] })
    : { columns: [], rowLabels: [] };
  const columns = grid.columns.map((c) => ({
    ...c,
    heading: (
      <>
        <Link to={`/?date=${c.date}`} className="cal-doctor">
          {WEEKDAY.format(new Date(`${c.date}T12:00:00Z`))}
          <span className="visually-hidden"> (all doctors)</span>
        </Link>
        <span className="cal-sub">
          {c.count} {c.count === 1 ? 'appointment' : 'appointments'}
        </span>
      </>
    ),
  }));

  return (
    <>
      <title>{`${name}, week · Clinic desk`}</title>
      <p>
        <Link to={`/doctors/${encodeURIComponent(id)}`}>{name}</Link> · <Link to={`/?date=${date}`}>Day view</Link>
      </p>
      <h1>{name}: week</h1>
      <div className="filters">
        <DateNav date={date} timezone={timezone} unit="week" onChange={(d) => setParams({ date: d }, { replace: true })} />
      </div>
      <p className="day-heading">
        {formatDay(monday)} to {formatDay(addDays(monday, 6))}
      </p>
      {!ready && !error && <p className="muted">Loading the week…</p>}
      {error && (
        <ErrorAlert
          title="The week could not be loaded."
          error={error}
          onRetry={() => {
            void doctor.refetch();
            void appointments.refetch();
            timeOff.refetch();
          }}
        />
      )}
      {ready && <CalendarBoard label={`${name}, week of ${formatDay(monday)}`} columns={columns} rowLabels={grid.rowLabels} />}
    </>
  );
}
