import type { Doctor } from '../../services/api';
import { wallToInstant } from './wall-time';

export type Interval = { start: number; end: number };
/**
 * The zone the grid is drawn in and the clinic's hours; where there are several sites, the main
 * site's zone, each other site's zone by id, and the one site the grid shows ('' is the main one).
 */
export type ClinicHours = {
  timezone: string;
  clinicStartHour: number;
  clinicEndHour: number;
  mainZone?: string;
  siteZones?: Readonly<Record<string, string>>;
  onlySite?: string;
};

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const toMinutes = (clock: string) => {
  const [hour = 0, minute = 0] = clock.split(':').map(Number);
  return hour * 60 + minute;
};

/**
 * A doctor's working windows on a clinic date, read from the doctor's schedule exactly as the
 * server's booking rules read it (a day off, else the latest dated rota, else the base week, else
 * the clinic's hours), so the grid shades the very times a booking would be refused.
 */
export function workingWindows(date: string, schedule: Doctor['schedule'], clinic: ClinicHours): Interval[] {
  if (schedule?.daysOff?.includes(date)) return [];
  const rota = (schedule?.rotas ?? [])
    .filter((r) => r.effectiveFrom <= date)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  const weekly = rota?.weekly ?? schedule?.weekly;
  const weekday = WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()]!;
  const main = clinic.mainZone ?? clinic.timezone;
  // Each window is wall time at its own site, like the server reads it.
  const windows = weekly
    ? (weekly[weekday] ?? [])
        .filter((w) => clinic.onlySite === undefined || (w.siteId ?? '') === clinic.onlySite)
        .map((w) => ({ start: toMinutes(w.start), end: toMinutes(w.end), zone: (w.siteId && clinic.siteZones?.[w.siteId]) || main }))
    : clinic.onlySite
      ? []
      : [{ start: clinic.clinicStartHour * 60, end: clinic.clinicEndHour * 60, zone: main }];
  return windows
    .map((w) => ({ start: wallToInstant(date, w.start, w.zone), end: wallToInstant(date, w.end, w.zone) }))
    .filter((w) => w.end > w.start);
}
