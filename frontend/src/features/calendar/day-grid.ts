import { addDays } from '../../lib/time';
import type { Appointment, Doctor, TimeOff } from '../../services/api';
import type { GridColumn } from './grid-model';
import { dayRows, holdsTime, interval } from './layout';
import { clockLabel, wallClock, wallToInstant } from './wall-time';
import { workingWindows, type ClinicHours } from './working-hours';

export type PlainColumn = Omit<GridColumn, 'heading'> & { doctor: Doctor; count: number };

/** Wall-clock labels of the rows; an hour the fall-back change repeats is told apart by its zone name. */
export function rowLabelsOf(rows: number[], timezone: string): string[] {
  const labels = rows.map((t) => clockLabel(wallClock(t, timezone).minutes));
  const zone = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'short' });
  return labels.map((label, i) => {
    if (labels.indexOf(label) === labels.lastIndexOf(label)) return label;
    const name = zone.formatToParts(rows[i]).find((p) => p.type === 'timeZoneName')?.value ?? '';
    return `${label} ${name}`;
  });
}

/**
 * The day view's columns: one per doctor who works that day or has a visit on it, in roster
 * order, sharing rows every 15 minutes across the union of their hours and visits.
 */
export function dayGrid(input: {
  date: string;
  clinic: ClinicHours;
  doctors: Doctor[];
  appointments: Appointment[];
  timeOff: Map<string, TimeOff[]>;
}): { columns: PlainColumn[]; rowLabels: string[] } {
  const { date, clinic, doctors, appointments, timeOff } = input;
  const byDoctor = new Map<string, Appointment[]>();
  for (const a of appointments) byDoctor.set(a.doctorId, [...(byDoctor.get(a.doctorId) ?? []), a]);
  const shown = doctors
    .map((doctor) => ({ doctor, working: workingWindows(date, doctor.schedule, clinic), visits: byDoctor.get(doctor.id) ?? [] }))
    .filter((d) => d.working.length > 0 || d.visits.length > 0);
  const fallback = {
    start: wallToInstant(date, clinic.clinicStartHour * 60, clinic.timezone),
    end: wallToInstant(date, clinic.clinicEndHour * 60, clinic.timezone),
  };
  const rows = dayRows(
    date,
    clinic.timezone,
    shown.flatMap((d) => [...d.working, ...d.visits.map(interval)]),
    fallback,
  );
  const columns = shown.map(({ doctor, working, visits }) => ({
    key: doctor.id,
    doctor,
    date,
    label: doctor.name,
    rows,
    working,
    away: (timeOff.get(doctor.id) ?? []).map(interval),
    appointments: visits,
    count: visits.filter(holdsTime).length,
  }));
  return { columns, rowLabels: rowLabelsOf(rows, clinic.timezone) };
}

/** [from, to) of a clinic day as ISO instants: 23, 24 or 25 hours apart. */
export function dayRange(date: string, timezone: string): { from: string; to: string } {
  return {
    from: new Date(wallToInstant(date, 0, timezone)).toISOString(),
    to: new Date(wallToInstant(addDays(date, 1), 0, timezone)).toISOString(),
  };
}
