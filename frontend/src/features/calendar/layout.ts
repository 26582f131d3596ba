import type { Appointment } from '../../services/api';
import { MINUTE, wallClock, wallToInstant } from './wall-time';
import type { Interval } from './working-hours';

/** One row of the grid is this long, in real minutes. */
export const ROW_MINUTES = 15;
export const ROW_MS = ROW_MINUTES * MINUTE;

/** BOOKED, CHECKED_IN and COMPLETED keep their time from others; a cancelled or missed visit does not. */
export const holdsTime = (a: Pick<Appointment, 'status'>) => a.status === 'BOOKED' || a.status === 'CHECKED_IN' || a.status === 'COMPLETED';

export const interval = (a: Pick<Appointment, 'start' | 'end'>): Interval => ({ start: Date.parse(a.start), end: Date.parse(a.end) });

const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

/**
 * Row starts of one clinic day: real 15-minute steps from the first whole hour of the span to
 * the last, kept inside the day, so a 23- or 25-hour day has 4 rows fewer or more per hour lost
 * or gained. `spans` are the working windows and visits; `fallback` is used when there are none.
 */
export function dayRows(date: string, timezone: string, spans: Interval[], fallback: Interval): number[] {
  const dayStart = wallToInstant(date, 0, timezone);
  const dayEnd = wallToInstant(date, 1440, timezone);
  const inside = spans.filter((s) => s.end > dayStart && s.start < dayEnd);
  const all = inside.length > 0 ? inside : [fallback];
  const earliest = Math.max(dayStart, Math.min(...all.map((s) => s.start)));
  const latest = Math.min(dayEnd, Math.max(...all.map((s) => s.end)));
  // Whole hours by the zone's clock, which is not always a whole UTC hour (e.g. +05:30).
  const first = earliest - (wallClock(earliest, timezone).minutes % 60) * MINUTE;
  const lastMinutes = wallClock(latest, timezone).minutes % 60;
  const last = Math.min(dayEnd, latest + (lastMinutes === 0 ? 0 : 60 - lastMinutes) * MINUTE);
  const rows: number[] = [];
  for (let t = first; t < last; t += ROW_MS) rows.push(t);
  return rows;
}

/**
 * Wall-clock rows shared by the days of a week (minutes past midnight), spanning every day's
 * windows and visits; each day maps them to its own instants with `wallToInstant`.
 */
export function weekMinutes(days: { date: string; spans: Interval[] }[], timezone: string, fallback: [number, number]): number[] {
  let earliest = Infinity;
  let latest = -Infinity;
  for (const { date, spans } of days) {
    for (const s of spans) {
      const start = wallClock(s.start, timezone);
      const end = wallClock(s.end, timezone);
      earliest = Math.min(earliest, start.date < date ? 0 : start.minutes);
      latest = Math.max(latest, end.date > date ? 1440 : end.minutes);
    }
  }
  if (earliest === Infinity) [earliest, latest] = fallback;
  const minutes: number[] = [];
  for (let m = Math.floor(earliest / 60) * 60; m < Math.ceil(latest / 60) * 60; m += ROW_MINUTES) minutes.push(m);
  return minutes;
}

export type Placed = {
  appointment: Appointment;
  start: number;
  end: number;
  /** Side by side: this block's lane among `lanes` in its group of overlapping blocks. */
  lane: number;
  lanes: number;
  /** The share of the column the group takes: a group of only cancelled or missed visits leaves room to book. */
  share: number;
};

/** Lays out a column's visits: blocks that overlap sit side by side, each in the first lane free at its start. */
export function placeBlocks(appointments: Appointment[]): Placed[] {
  const sorted = appointments
    .map((appointment) => ({ appointment, ...interval(appointment) }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const placed: Placed[] = [];
  let group: Placed[] = [];
  let laneEnds: number[] = [];
  let groupEnd = -Infinity;
  const close = () => {
    const share = group.some((p) => holdsTime(p.appointment)) ? 1 : 0.5;
    for (const p of group) placed.push({ ...p, lanes: laneEnds.length, share });
    group = [];
    laneEnds = [];
  };
  for (const item of sorted) {
    if (item.start >= groupEnd && group.length > 0) close();
    let lane = laneEnds.findIndex((end) => end <= item.start);
    if (lane === -1) lane = laneEnds.push(item.end) - 1;
    else laneEnds[lane] = item.end;
    group.push({ ...item, lane, lanes: 0, share: 1 });
    groupEnd = Math.max(group.length === 1 ? -Infinity : groupEnd, item.end);
  }
  if (group.length > 0) close();
  return placed;
}

export type CellState = 'free' | 'busy' | 'off' | 'away' | 'past' | 'skipped';

/**
 * What a 15-minute cell is: `skipped` (a wall time the clock jumps over, in the week view),
 * `off` outside the working windows, `away` in time off, `busy` under a visit that holds its time,
 * `past` already begun, else `free` to book.
 */
export function cellState(
  cell: Interval,
  column: { working: Interval[]; away: Interval[]; busy: Interval[] },
  now: number,
  skipped = false,
): CellState {
  if (skipped) return 'skipped';
  if (!column.working.some((w) => w.start <= cell.start && cell.end <= w.end)) return 'off';
  if (column.away.some((a) => overlaps(a, cell))) return 'away';
  if (column.busy.some((b) => overlaps(b, cell))) return 'busy';
  if (cell.start < now) return 'past';
  return 'free';
}

/** The row a moment falls in (the last row starting at or before it), or -1 before the first. */
export function rowOf(rows: number[], instant: number): number {
  let found = -1;
  for (let i = 0; i < rows.length && rows[i]! <= instant; i += 1) found = i;
  return found;
}
