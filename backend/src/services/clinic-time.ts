import { DateTime } from 'luxon';
import type { Schedule, TimeWindow, Weekday } from '../store/store.js';

export type ClinicHours = { timezone: string; startHour: number; endHour: number };
export type Interval = { start: Date; end: Date };

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MINUTE = 60_000;

const pad = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** The local day's start in the clinic zone, or null when the text is not a real calendar date. */
export function clinicDay(date: string, timezone: string): DateTime | null {
  const day = DateTime.fromISO(date, { zone: timezone });
  return day.isValid ? day.startOf('day') : null;
}

export function clinicDateOf(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant, { zone: timezone }).toISODate()!;
}

/** [start, end) of a clinic-local calendar day as instants; 23 or 25 hours long on DST days. */
export function dayBounds(date: string, timezone: string): Interval | null {
  const day = clinicDay(date, timezone);
  if (!day) return null;
  return { start: day.toJSDate(), end: day.plus({ days: 1 }).toJSDate() };
}

// A wall-clock time that the DST change skips (02:30 on a spring-forward night) does not exist;
// Luxon moves it forward by the gap, which is what a clock on the wall would show.
function localInstant(day: DateTime, time: string): Date {
  if (time === '24:00') return day.plus({ days: 1 }).toJSDate();
  const [hour, minute] = time.split(':').map(Number);
  return day.set({ hour: hour!, minute: minute!, second: 0, millisecond: 0 }).toJSDate();
}

/** The doctor's working windows on one clinic-local date, as instants. */
export function workingWindows(date: string, schedule: Schedule | null, clinic: ClinicHours): Interval[] {
  const day = clinicDay(date, clinic.timezone);
  if (!day || schedule?.daysOff?.includes(date)) return [];
  const weekday = WEEKDAYS[day.weekday - 1]!;
  const windows: TimeWindow[] = schedule?.weekly
    ? (schedule.weekly[weekday] ?? [])
    : [{ start: pad(clinic.startHour), end: pad(clinic.endHour) }];
  return windows
    .map((window) => ({ start: localInstant(day, window.start), end: localInstant(day, window.end) }))
    .filter((window) => window.end > window.start);
}

/** Consecutive slots of `minutes` inside each window, stepped in real elapsed time. */
export function slotGrid(windows: Interval[], minutes: number): Interval[] {
  const step = minutes * MINUTE;
  const slots: Interval[] = [];
  for (const window of windows) {
    for (let start = window.start.getTime(); start + step <= window.end.getTime(); start += step) {
      slots.push({ start: new Date(start), end: new Date(start + step) });
    }
  }
  return slots;
}

/** Half-open: [10:00, 10:30) and [10:30, 11:00) do not overlap. */
export const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

export function isWithinWorkingHours(interval: Interval, schedule: Schedule | null, clinic: ClinicHours): boolean {
  const date = clinicDateOf(interval.start, clinic.timezone);
  return workingWindows(date, schedule, clinic).some((window) => window.start <= interval.start && interval.end <= window.end);
}

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Reads an ISO 8601 date-time. With an offset (or Z) it is an instant; without one it is a wall
 * time at the clinic, which is what staff mean by "10:00".
 */
export function parseInstant(text: string, timezone: string): Date | null {
  const parsed = OFFSET.test(text) ? DateTime.fromISO(text, { setZone: true }) : DateTime.fromISO(text, { zone: timezone });
  return parsed.isValid ? parsed.toJSDate() : null;
}
