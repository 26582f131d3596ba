import { DateTime } from 'luxon';
import type { WaitlistWindow } from '../store/ports/waitlist.js';
import type { Weekday } from '../store/store.js';

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * Whether a visit falls wholly inside one of the times that suit the patient, read as wall time in
 * the zone of the site it is at. A window names a weekday, a date, or neither (any day).
 */
export function suitsPatient(windows: readonly WaitlistWindow[], visit: { start: Date; end: Date }, zone: string): boolean {
  const start = DateTime.fromJSDate(visit.start, { zone });
  const end = DateTime.fromJSDate(visit.end, { zone });
  // A visit over midnight is in no single day's window.
  if (start.toISODate() !== end.minus({ milliseconds: 1 }).toISODate()) return false;
  const from = start.toFormat('HH:mm');
  const to = end.toFormat('HH:mm') === '00:00' ? '24:00' : end.toFormat('HH:mm');
  return windows.some(
    (window) =>
      (!window.weekday || window.weekday === WEEKDAYS[start.weekday - 1]) &&
      (!window.date || window.date === start.toISODate()) &&
      window.start <= from &&
      to <= window.end,
  );
}

/** The dates, in `zone`, that [start, end) touches; at most `limit` of them. */
export function datesOf(range: { start: Date; end: Date }, zone: string, limit: number): string[] {
  const dates: string[] = [];
  let day = DateTime.fromJSDate(range.start, { zone }).startOf('day');
  while (day.toJSDate() < range.end && dates.length < limit) {
    dates.push(day.toISODate()!);
    day = day.plus({ days: 1 });
  }
  return dates;
}
