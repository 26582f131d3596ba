// Wall-clock arithmetic in the clinic's zone through Intl alone: a day there is 23, 24 or 25
// hours long, so every step on the grid is taken in real elapsed time and named by the zone's clock.
export const MINUTE = 60_000;

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let cached = partFormatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partFormatters.set(timeZone, cached);
  }
  return cached;
}

type WallParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallParts(instant: number, timeZone: string): WallParts {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts as WallParts;
}

/** How far the zone's clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const p = wallParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The zone's calendar date and minutes past its midnight (by the clock) at an instant. */
export function wallClock(instant: number, timeZone: string): { date: string; minutes: number } {
  const p = wallParts(instant, timeZone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, minutes: p.hour * 60 + p.minute };
}

/**
 * The instant the zone's clock shows `minutes` past midnight of `date` (1440 is the next
 * midnight). A time the spring-forward change skips comes out after the gap, as the server's
 * Luxon reads it; a time the fall-back change repeats comes out as its first pass.
 */
export function wallToInstant(date: string, minutes: number, timeZone: string): number {
  const asUtc = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE;
  const first = asUtc - offsetAt(asUtc, timeZone);
  const second = asUtc - offsetAt(first, timeZone);
  const wanted = Math.round((asUtc - Date.parse(`${date}T00:00:00Z`)) / MINUTE) % 1440;
  if (wallClock(second, timeZone).minutes === wanted) return second;
  return Math.max(first, second);
}

/** 24-hour HH:mm of minutes past midnight. */
export function clockLabel(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}
