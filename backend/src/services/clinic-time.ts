import { isCalendarDate } from '@clinic/contract/fields';
import { DateTime } from 'luxon';
import type { Rota, Schedule, TimeWindow, Weekday } from '../store/store.js';

/**
 * The clinic's default zone and hours, and the zone of each other site by id: a window naming a
 * site is wall time there, one naming none is wall time in `timezone` (the default site).
 */
export type ClinicHours = { timezone: string; startHour: number; endHour: number; siteZones?: Readonly<Record<string, string>> };
export type Interval = { start: Date; end: Date };
/** A working window as instants, and the site it is at (null: the default site). */
export type SiteWindow = Interval & { siteId: string | null };

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MINUTE = 60_000;

/** An hour of the day as a wall-clock time: 9 is 09:00. */
export const pad = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/**
 * Keeps the last `limit` results of a function of a text. Time-zone arithmetic through Luxon
 * cost a booking about a tenth of its CPU; the days a clinic books are few and repeat.
 */
function memoize<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const results = new Map<string, T>();
  return (key) => {
    if (results.has(key)) return results.get(key)!;
    const result = compute(key);
    results.set(key, result);
    if (results.size > limit) results.delete(results.keys().next().value!);
    return result;
  };
}

const MEMO_LIMIT = 4096;

/** The local day's start in the clinic zone, or null when the text is not a real calendar date. */
export function clinicDay(date: string, timezone: string): DateTime | null {
  const day = DateTime.fromISO(date, { zone: timezone });
  return day.isValid ? day.startOf('day') : null;
}

const DAY = 24 * 60 * MINUTE;
const utcDate = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The clinic-local date of an instant: in every zone it is the UTC date or a day either side. */
export function clinicDateOf(instant: Date, timezone: string): string {
  const time = instant.getTime();
  for (const date of [utcDate(time - DAY), utcDate(time + DAY)]) {
    const day = dayBounds(date, timezone);
    if (day && day.start <= instant && instant < day.end) return date;
  }
  return utcDate(time);
}

const boundsOf = memoize(MEMO_LIMIT, (key) => {
  const [timezone, date] = JSON.parse(key) as [string, string];
  const day = clinicDay(date, timezone);
  return day ? Object.freeze({ start: day.toJSDate(), end: day.plus({ days: 1 }).toJSDate() }) : null;
});

/** [start, end) of a clinic-local calendar day as instants; 23 or 25 hours long on DST days. */
export function dayBounds(date: string, timezone: string): Interval | null {
  return boundsOf(JSON.stringify([timezone, date]));
}

// A wall-clock time that the DST change skips (02:30 on a spring-forward night) does not exist;
// Luxon moves it forward by the gap, which is what a clock on the wall would show.
function localInstant(day: DateTime, time: string): Date {
  if (time === '24:00') return day.plus({ days: 1 }).toJSDate();
  const [hour, minute] = time.split(':').map(Number);
  return day.set({ hour: hour!, minute: minute!, second: 0, millisecond: 0 }).toJSDate();
}

/** The dated rota that applies on a clinic-local date: the latest starting on or before it. */
export function rotaOn(date: string, schedule: Schedule | null): Rota | undefined {
  return (schedule?.rotas ?? [])
    .filter((rota) => rota.effectiveFrom <= date)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

/** The zone a window's wall times are read in: its site's, else the default site's. */
export const zoneOf = (siteId: string | null | undefined, clinic: ClinicHours) => (siteId && clinic.siteZones?.[siteId]) || clinic.timezone;

/** Every zone the clinic's sites are in, the default's first. */
export const clinicZones = (clinic: ClinicHours) => [...new Set([clinic.timezone, ...Object.values(clinic.siteZones ?? {})])];

/**
 * The doctor's working windows on one date, as instants: each window on that date in its own
 * site's zone (a date is a Monday everywhere, but its hours are not the same instants).
 */
export function workingWindows(date: string, schedule: Schedule | null, clinic: ClinicHours): readonly SiteWindow[] {
  return windowsOf(JSON.stringify([date, clinic.timezone, clinic.startHour, clinic.endHour, schedule, clinic.siteZones ?? null]));
}

const windowsOf = memoize(MEMO_LIMIT, (key) => {
  const [date, timezone, startHour, endHour, schedule, siteZones] = JSON.parse(key) as [
    string,
    string,
    number,
    number,
    Schedule | null,
    Record<string, string> | null,
  ];
  return Object.freeze(computeWindows(date, schedule, { timezone, startHour, endHour, siteZones: siteZones ?? undefined }));
});

function computeWindows(date: string, schedule: Schedule | null, clinic: ClinicHours): SiteWindow[] {
  const day = clinicDay(date, clinic.timezone);
  if (!day || schedule?.daysOff?.includes(date)) return [];
  const weekday = WEEKDAYS[day.weekday - 1]!;
  const weekly = rotaOn(date, schedule)?.weekly ?? schedule?.weekly;
  const windows: TimeWindow[] = weekly ? (weekly[weekday] ?? []) : [{ start: pad(clinic.startHour), end: pad(clinic.endHour) }];
  return windows
    .map((window) => {
      const siteId = window.siteId ?? null;
      const local = siteId ? clinicDay(date, zoneOf(siteId, clinic))! : day;
      return { start: localInstant(local, window.start), end: localInstant(local, window.end), siteId };
    })
    .filter((window) => window.end > window.start);
}

/**
 * Slots as a wall clock offers them: on the fall-back day the repeated hour's second pass starts
 * at wall times already offered, so those slots are left out rather than offered twice.
 */
export function oncePerWallTime(slots: readonly Interval[], timezone: string): Interval[] {
  const seen = new Set<string>();
  return slots.filter((slot) => {
    const wall = DateTime.fromJSDate(slot.start, { zone: timezone }).toFormat('yyyy-MM-dd HH:mm');
    if (seen.has(wall)) return false;
    seen.add(wall);
    return true;
  });
}

/** Slots of `minutes` inside each window, starting every `every` minutes (by default back to back), in real elapsed time. */
export function slotGrid(windows: readonly Interval[], minutes: number, every = minutes): Interval[] {
  const [length, step] = [minutes * MINUTE, every * MINUTE];
  const slots: Interval[] = [];
  for (const window of windows) {
    for (let start = window.start.getTime(); start + length <= window.end.getTime(); start += step) {
      slots.push({ start: new Date(start), end: new Date(start + length) });
    }
  }
  return slots;
}

/** Half-open: [10:00, 10:30) and [10:30, 11:00) do not overlap. */
export const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

/**
 * The working window that holds the whole interval, or null. The interval's date is read in each
 * of the clinic's zones, since a window at a site is on that site's date.
 */
export function windowHolding(interval: Interval, schedule: Schedule | null, clinic: ClinicHours): SiteWindow | null {
  for (const date of new Set(clinicZones(clinic).map((zone) => clinicDateOf(interval.start, zone)))) {
    const window = workingWindows(date, schedule, clinic).find((w) => w.start <= interval.start && interval.end <= w.end);
    if (window) return window;
  }
  return null;
}

export const isWithinWorkingHours = (interval: Interval, schedule: Schedule | null, clinic: ClinicHours) =>
  windowHolding(interval, schedule, clinic) !== null;

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
// The shape integrators and the SPA send (2026-03-09T14:30:00.000Z, or with +01:00): read without
// Luxon when every field is plainly in range; anything else goes to Luxon, which decides.
const PLAIN_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/;

function plainInstant(text: string): Date | null {
  const match = PLAIN_INSTANT.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second, fraction, sign, offsetHours, offsetMinutes] = match.slice(1);
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [oh, om] = [Number(offsetHours ?? 0), Number(offsetMinutes ?? 0)];
  // Date.UTC reads years below 100 as 19xx; Luxon has the rare old ones.
  if (y < 1000 || !isCalendarDate(y, mo, d)) return null;
  if (h > 23 || mi > 59 || s > 59 || oh > 14 || om > 59) return null;
  const offset = (sign === '-' ? -1 : 1) * (oh * 60 + om) * MINUTE;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, Number((fraction ?? '0').padEnd(3, '0'))) - offset);
}

/**
 * Reads an ISO 8601 date-time. With an offset (or Z) it is an instant; without one it is a wall
 * time at the clinic, which is what staff mean by "10:00".
 */
export function parseInstant(text: string, timezone: string): Date | null {
  if (!OFFSET.test(text)) {
    const local = DateTime.fromISO(text, { zone: timezone });
    return local.isValid ? local.toJSDate() : null;
  }
  const plain = plainInstant(text);
  if (plain) return plain;
  const parsed = DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? parsed.toJSDate() : null;
}
