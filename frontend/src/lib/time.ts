// Every instant is shown in the clinic's zone, never the browser's: staff on a laptop set to
// another zone must still see the times patients were given.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions, locale = 'en-GB') {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, cached);
  }
  return cached;
}

/** 24-hour HH:mm in the given zone. */
export function formatTime(iso: string, timeZone: string): string {
  return formatter(timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export function formatTimeRange(startIso: string, endIso: string, timeZone: string): string {
  return `${formatTime(startIso, timeZone)}–${formatTime(endIso, timeZone)}`;
}

/** Calendar date (YYYY-MM-DD) of an instant in the given zone. */
export function dateInZone(instant: Date | string, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return formatter(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }, 'en-CA').format(new Date(instant));
}

export function todayInZone(timeZone: string, now: Date = new Date()): string {
  return dateInZone(now, timeZone);
}

/** Adds whole days to a calendar date; calendar dates have no zone, so UTC maths is exact. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// One date format on every screen, in the browser's own locale (as its native date inputs are):
// "3 Dec 2026" in en-GB, "Dec 3, 2026" in en-US; the weekday is added where the day matters.
const DATE_OPTIONS: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
const browserLocale = () => (typeof navigator === 'undefined' ? undefined : navigator.language);

/** A calendar date (YYYY-MM-DD), e.g. a birth date: "3 Dec 2026". */
export function formatDate(date: string): string {
  return formatter('UTC', DATE_OPTIONS, browserLocale()).format(new Date(`${date}T12:00:00Z`));
}

/** A calendar date with its weekday, for days that are booked: "Thu 3 Dec 2026". */
export function formatDay(date: string): string {
  return formatter('UTC', { weekday: 'short', ...DATE_OPTIONS }, browserLocale()).format(new Date(`${date}T12:00:00Z`));
}

/** The clinic day of an instant, with its weekday. */
export function formatInstantDay(iso: string, timeZone: string): string {
  return formatDay(dateInZone(iso, timeZone));
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function zoneOffset(instant: Date, timeZone: string): number {
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  };
  const parts = Object.fromEntries(
    formatter(timeZone, options, 'en-CA')
      .formatToParts(instant)
      .map((p) => [p.type, Number(p.value)]),
  );
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - instant.getTime();
}

/** The instant a calendar date starts in the given zone, as ISO 8601 UTC. */
export function startOfDayInZone(date: string, timeZone: string): string {
  const midnightUtc = new Date(`${date}T00:00:00Z`);
  const guess = new Date(midnightUtc.getTime() - zoneOffset(midnightUtc, timeZone));
  // Measured again at the guess, in case a clock change falls between the two.
  return new Date(midnightUtc.getTime() - zoneOffset(guess, timeZone)).toISOString();
}
