import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { isCalendarDate, parseInstant } from '../services/clinic-time.js';

extendZodWithOpenApi(z);

// zod's default for a missing field reads "expected string, received undefined"; staff read this.
z.config({ customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined) });

// ObjectId hex (MongoDB) or UUID (SQL): either is a well-formed id whatever the engine.
export const idSchema = z
  .string()
  .regex(/^([0-9a-f]{24}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, 'must be a valid id')
  .openapi({ example: '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d' });

export const idParams = z.object({ id: idSchema });

// Dates and instants stay in four-digit years even a day or a 14-hour offset away, which every
// engine stores and compares; 1900 is before anyone the clinic sees was born.
const FIRST_YEAR = 1900;
const LAST_YEAR = 9998;
const inYearRange = (value: string) => Number(value.slice(0, 4)) >= FIRST_YEAR && Number(value.slice(0, 4)) <= LAST_YEAR;
const yearRangeMessage = `must be in the years ${FIRST_YEAR} to ${LAST_YEAR}`;

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD', abort: true })
  .refine((value) => isCalendarDate(...(value.split('-').map(Number) as [number, number, number])), 'must be a real calendar date')
  .refine(inYearRange, yearRangeMessage)
  .openapi({ example: '2026-03-02' });

export const isoDateTime = z
  .string()
  // Real offsets lie within ±14:00; a wider one would move the instant by days.
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]((0\d|1[0-3]):?[0-5]\d|14:?00))?$/i, {
    message: 'must be an ISO 8601 date-time such as 2026-03-02T10:00:00Z, with an offset within ±14:00',
    abort: true,
  })
  // Any zone would do: the question is only whether the fields name a real date and time.
  .refine((value) => parseInstant(value, 'UTC') !== null, 'must be a real date and time')
  .refine(inYearRange, yearRangeMessage)
  .openapi({ example: '2026-03-02T10:00:00.000Z' });

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

export const trimmed = (max: number) => labelText(z.string().trim().min(1, 'must not be empty').max(max));

export const nameSchema = trimmed(200);
export const emailSchema = z.string().trim().pipe(z.email('must be a valid email address')).openapi({ example: 'ana.silva@example.org' });
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]{6,30}$/, 'must be a phone number such as +44 20 7946 0958');

const limit = z.coerce.number().int().min(1).max(500).default(100);
const offset = z.coerce.number().int().min(0);

/** `?skip=` is the original API's name for `?offset=`; both are read, offset wins. */
export const pagingQuery = z
  .object({ limit, offset: offset.optional(), skip: offset.optional() })
  .transform(({ limit, offset, skip }) => ({ limit, offset: offset ?? skip ?? 0 }));

export const searchText = labelText(z.string().trim().max(200)).optional();

export function envelope<T extends z.ZodType>(data: T) {
  return z.object({ success: z.literal(true), data });
}

export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.object({
    success: z.literal(true),
    data: z.array(item),
    meta: z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int() }),
  });
}

export const errorSchema = z
  .object({
    success: z.literal(false),
    error: z.object({
      code: z.string().openapi({ example: 'BOOKING_CONFLICT' }),
      message: z.string(),
      correlationId: z.string(),
      timestamp: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');

export { z };
