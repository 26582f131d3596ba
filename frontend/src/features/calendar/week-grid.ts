import { addDays, formatDay } from '../../lib/time';
import type { Appointment, Doctor, TimeOff } from '../../services/api';
import type { GridColumn } from './grid-model';
import { holdsTime, interval, weekMinutes } from './layout';
import { clockLabel, wallClock, wallToInstant } from './wall-time';
import { workingWindows, type ClinicHours } from './working-hours';

export type WeekColumn = Omit<GridColumn, 'heading'> & { count: number };

/** The Monday of a date's week. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/**
 * One doctor's week: a column per day, the rows shared by wall-clock time across the week's
 * hours and visits. On a spring-forward day the rows the clock skips are marked and shaded.
 */
export function weekGrid(input: { monday: string; clinic: ClinicHours; doctor: Doctor; appointments: Appointment[]; timeOff: TimeOff[] }): {
  columns: WeekColumn[];
  rowLabels: string[];
} {
  const { monday, clinic, doctor, appointments, timeOff } = input;
  const tz = clinic.timezone;
  const days = Array.from({ length: 7 }, (_, i) => {
    const date = addDays(monday, i);
    const visits = appointments.filter((a) => wallClock(Date.parse(a.start), tz).date === date);
    return { date, working: workingWindows(date, doctor.schedule, clinic), visits };
  });
  const minutes = weekMinutes(
    days.map((d) => ({ date: d.date, spans: [...d.working, ...d.visits.map(interval)] })),
    tz,
    [clinic.clinicStartHour * 60, clinic.clinicEndHour * 60],
  );
  const away = timeOff.map(interval);
  const columns = days.map(({ date, working, visits }) => {
    const rows = minutes.map((m) => wallToInstant(date, m, tz));
    return {
      key: date,
      doctor,
      date,
      label: formatDay(date),
      rows,
      skipped: rows.map((t, i) => wallClock(t, tz).minutes !== minutes[i]! % 1440),
      working,
      away,
      appointments: visits,
      count: visits.filter(holdsTime).length,
    };
  });
  return { columns, rowLabels: minutes.map(clockLabel) };
}
