import { z } from 'zod';

// zod's default for a missing field reads "expected string, received undefined"; staff read this.
z.config({ customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined) });

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Whether the day exists in the (proleptic Gregorian) calendar: no 30 February, no month 13. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// Real offsets lie within ±14:00; a wider one would move the instant by days.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]((0\d|1[0-3]):?[0-5]\d|14:?00))?$/i;
// The numbers of a text DATE_TIME accepted: date, hour, minute, and the seconds and their fraction when sent.
const DATE_TIME_FIELDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?/i;

const isRealDate = (value: string) => isCalendarDate(...(value.split('-').map(Number) as [number, number, number]));

// Any zone would do: the question is only whether the fields name a real date and time. 24:00
// is the end of the day, as ISO 8601 allows; a 61st second is not.
const isRealDateTime = (value: string) => {
  const [year, month, day, hour, minute, second, fraction] = DATE_TIME_FIELDS.exec(value)!
    .slice(1)
    .map((part) => Number(part ?? 0)) as [number, number, number, number, number, number, number];
  if (!isCalendarDate(year, month, day) || minute > 59 || second > 59) return false;
  return hour < 24 || (hour === 24 && minute === 0 && second === 0 && fraction === 0);
};

// ObjectId hex (MongoDB) or UUID (SQL): either is a well-formed id whatever the engine.
export const idSchema = z
  .string()
  .regex(/^([0-9a-f]{24}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, 'must be a valid id')
  .meta({ example: '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d' });

// Dates and instants stay in four-digit years even a day or a 14-hour offset away, which every
// engine stores and compares; 1900 is before anyone the clinic sees was born.
const FIRST_YEAR = 1900;
const LAST_YEAR = 9998;
const inYearRange = (value: string) => Number(value.slice(0, 4)) >= FIRST_YEAR && Number(value.slice(0, 4)) <= LAST_YEAR;
const yearRangeMessage = `must be in the years ${FIRST_YEAR} to ${LAST_YEAR}`;

export const isoDate = z
  .string()
  .regex(DATE, { message: 'must be a date as YYYY-MM-DD', abort: true })
  .refine(isRealDate, 'must be a real calendar date')
  .refine(inYearRange, yearRangeMessage)
  .meta({ example: '2026-03-02' });

export const isoDateTime = z
  .string()
  .regex(DATE_TIME, { message: 'must be an ISO 8601 date-time such as 2026-03-02T10:00:00Z, with an offset within ±14:00', abort: true })
  .refine(isRealDateTime, 'must be a real date and time')
  .refine(inYearRange, yearRangeMessage)
  .meta({ example: '2026-03-02T10:00:00.000Z' });

// A lone surrogate is half a character: it has no UTF-8 form, so no engine can store it.
const LONE_SURROGATE = /\p{Cs}/u;
// Control characters are terminal escapes and NUL (which PostgreSQL refuses); a note may keep tab and newline.
const CONTROL_BUT_TAB_OR_NEWLINE = /(?![\t\n])\p{Cc}/u;
// In a name nothing invisible belongs: no controls, line separators or bidi overrides and other
// format characters, except the zero-width (non-)joiners that Persian and Indic scripts spell with.
const INVISIBLE_IN_NAME = /[\p{Cc}\p{Zl}\p{Zp}]|(?![\u200C\u200D])\p{Cf}/u;

const wellFormed = (schema: z.ZodString) => schema.refine((value) => !LONE_SURROGATE.test(value), 'must not contain a lone surrogate');

/** Free text such as a reason: any character but controls other than tab and newline. */
export const freeText = (max: number) =>
  wellFormed(z.string().trim().max(max)).refine(
    (value) => !CONTROL_BUT_TAB_OR_NEWLINE.test(value),
    'must not contain control characters other than tab and newline',
  );

/** Text shown as a label (names, specialties) or matched against one: nothing invisible. */
export const labelText = (schema: z.ZodString) =>
  wellFormed(schema).refine((value) => !INVISIBLE_IN_NAME.test(value), 'must not contain control or invisible formatting characters');

const trimmed = (max: number) => labelText(z.string().trim().min(1, 'must not be empty').max(max));

export const nameSchema = trimmed(200);
export const specialtySchema = trimmed(100);
export const emailSchema = z.string().trim().pipe(z.email('must be a valid email address')).meta({ example: 'ana.silva@example.org' });
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]{6,30}$/, 'must be a phone number such as +44 20 7946 0958');

export const slotMinutesSchema = z.number().int().min(5).max(480);

export { z };
