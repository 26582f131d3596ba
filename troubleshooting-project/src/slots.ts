import { DateTime } from 'luxon';

/** A working window as wall-clock times in the clinic's zone, e.g. { start: '09:00', end: '17:00' }. */
export interface WorkingWindow {
  start: string;
  end: string;
}

/** Luxon's weekday numbers: 1 = Monday ... 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type WeeklySchedule = Partial<Record<Weekday, WorkingWindow[]>>;

/** A bookable interval, half-open [start, end), as UTC ISO strings (what the API returns). */
export interface Slot {
  start: string;
  end: string;
}

export interface DaySlots {
  date: string;
  slots: Slot[];
}

function parseTimeOfDay(hhmm: string): { hour: number; minute: number } {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`time of day must be HH:mm, got "${hhmm}"`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

function parseDay(date: string, zone: string): DateTime {
  const day = DateTime.fromISO(date, { zone });
  if (!day.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new RangeError(`date must be YYYY-MM-DD in a valid zone, got "${date}" / "${zone}"`);
  }
  return day;
}

/**
 * The instant at which the clinic's clock shows `hhmm` on `day`.
 * Built from calendar fields so luxon picks the offset in force at that wall-clock time:
 * "midnight + N minutes" is wrong on the two days a year that are 23 or 25 hours long.
 */
function atWallClock(day: DateTime, hhmm: string): DateTime {
  return day.set({ ...parseTimeOfDay(hhmm), second: 0, millisecond: 0 });
}

/** Slots of `slotMinutes` that fit inside each window of one day; a partial tail is dropped. */
export function slotsForDay(
  date: string,
  windows: WorkingWindow[],
  slotMinutes: number,
  zone: string,
): Slot[] {
  if (!Number.isInteger(slotMinutes) || slotMinutes < 5) {
    throw new RangeError(`slotMinutes must be a whole number >= 5, got ${slotMinutes}`);
  }
  const day = parseDay(date, zone);
  const slots: Slot[] = [];
  for (const w of windows) {
    // Only the window's edges are wall-clock times. Between them, step in UTC: a slot is
    // slotMinutes of elapsed time even if a window spans a clock change (and UTC is cheap).
    const windowStart = atWallClock(day, w.start).toUTC();
    const windowEnd = atWallClock(day, w.end).toUTC();
    for (
      let cursor = windowStart, end = cursor.plus({ minutes: slotMinutes });
      end <= windowEnd;
      cursor = end, end = cursor.plus({ minutes: slotMinutes })
    ) {
      slots.push({ start: cursor.toISO()!, end: end.toISO()! });
    }
  }
  return slots.sort((a, b) => a.start.localeCompare(b.start));
}

/** Seven consecutive calendar days from `weekStart`, each with its schedule's slots. */
export function slotsForWeek(
  weekStart: string,
  schedule: WeeklySchedule,
  slotMinutes: number,
  zone: string,
): DaySlots[] {
  const first = parseDay(weekStart, zone);
  const days: DaySlots[] = [];
  for (let i = 0; i < 7; i++) {
    // plus({ days }) is calendar arithmetic in luxon, so each day starts at its own midnight.
    const day = first.plus({ days: i });
    const date = day.toISODate()!;
    const windows = schedule[day.weekday as Weekday] ?? [];
    days.push({ date, slots: slotsForDay(date, windows, slotMinutes, zone) });
  }
  return days;
}
