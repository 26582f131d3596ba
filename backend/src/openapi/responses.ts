import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { errorSchema, z } from '../schemas/common.js';

// The pieces every operation in openapi.ts is made of: the error table, response and header
// shapes, and the two places where the generator's output needs help.

export type ErrorCode = { status: number; code: string; when: string };

// The SPEC's error table; each operation lists the rows that can happen to it.
export const ERRORS = {
  validation: {
    status: 400,
    code: 'VALIDATION_ERROR',
    when: 'a body, query or path field fails its schema (ids included); details lists each field',
  },
  json: { status: 400, code: 'INVALID_JSON', when: 'the body is not parseable JSON' },
  notFound: { status: 404, code: 'NOT_FOUND', when: 'the id is well-formed but nothing has it' },
  booking: { status: 409, code: 'BOOKING_CONFLICT', when: 'the doctor already has a BOOKED appointment overlapping the interval' },
  patient: { status: 409, code: 'PATIENT_CONFLICT', when: 'the patient already has a BOOKED appointment overlapping the interval' },
  cancelled: { status: 409, code: 'ALREADY_CANCELLED', when: 'the appointment is already cancelled' },
  duplicate: { status: 409, code: 'DUPLICATE', when: 'the patient email (case-insensitive) is taken' },
  inProgress: { status: 409, code: 'IDEMPOTENCY_IN_PROGRESS', when: 'the first request with this Idempotency-Key has not finished' },
  tooLarge: { status: 413, code: 'PAYLOAD_TOO_LARGE', when: 'the body is over 100 kB' },
  past: { status: 422, code: 'PAST_APPOINTMENT', when: 'start is not in the future' },
  hours: { status: 422, code: 'OUTSIDE_WORKING_HOURS', when: "the interval is not inside one of the doctor's working windows" },
  reused: { status: 422, code: 'IDEMPOTENCY_KEY_REUSED', when: 'the Idempotency-Key was used before with a different body' },
  rate: { status: 429, code: 'RATE_LIMITED', when: 'the client is over the per-minute request limit' },
  unauthenticated: { status: 401, code: 'UNAUTHENTICATED', when: 'no valid session cookie or bearer token' },
  invalidCredentials: { status: 401, code: 'INVALID_CREDENTIALS', when: 'the email or password (or TOTP code) is wrong' },
  totpRequired: { status: 401, code: 'TOTP_REQUIRED', when: 'the password is right and the account needs its TOTP code' },
  forbidden: { status: 403, code: 'FORBIDDEN', when: "the caller's role may not do this, or the request came from another site" },
  tooManyAttempts: { status: 429, code: 'TOO_MANY_ATTEMPTS', when: 'too many failed sign-ins; wait Retry-After seconds' },
  internal: { status: 500, code: 'INTERNAL_ERROR', when: 'anything unexpected; quote the correlationId' },
  unavailable: { status: 503, code: 'SERVICE_UNAVAILABLE', when: 'the database cannot be reached' },
} satisfies Record<string, ErrorCode>;

export const COMMON_ERRORS = [ERRORS.rate, ERRORS.internal, ERRORS.unavailable];
export const WRITE_ERRORS = [ERRORS.validation, ERRORS.json, ERRORS.tooLarge];

const correlationHeader = z
  .string()
  .openapi({ description: 'Echoes the request X-Correlation-ID when it is 1-128 of [A-Za-z0-9._:-], otherwise a new UUID' });

/**
 * zod-to-openapi takes a query as one object; ours are intersections with the paging schema and
 * pipes with transforms (aliases). Flatten them back to the object the client actually sends.
 */
function sentShape(schema: z.ZodType): Record<string, z.ZodType> {
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
  if (schema instanceof z.ZodIntersection)
    return { ...sentShape(schema.def.left as z.ZodType), ...sentShape(schema.def.right as z.ZodType) };
  if (schema instanceof z.ZodPipe) return sentShape(schema.in as z.ZodType);
  throw new Error(`cannot describe a ${schema.def.type} query`);
}

export const asQuery = (schema: z.ZodType) => z.object(sentShape(schema));

const pagingDocs = {
  limit: 'Page size, 1-500 (default 100)',
  offset: 'Rows to skip (default 0)',
  skip: 'The original API name for offset; offset wins when both are sent',
};

export function describePaging(query: z.ZodObject) {
  const shape = { ...query.shape } as Record<string, z.ZodType>;
  for (const [name, description] of Object.entries(pagingDocs)) {
    if (shape[name]) shape[name] = shape[name].openapi({ description });
  }
  return z.object(shape);
}

export function errorResponses(codes: ErrorCode[]): Record<number, ResponseConfig> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const entry of [...codes, ...COMMON_ERRORS]) byStatus.set(entry.status, [...(byStatus.get(entry.status) ?? []), entry]);
  return Object.fromEntries(
    [...byStatus].map(([status, entries]) => [
      status,
      {
        description: entries.map((entry) => `\`${entry.code}\`: ${entry.when}`).join('; '),
        headers: z.object({ 'X-Correlation-ID': correlationHeader }),
        content: {
          'application/json': {
            schema: errorSchema,
            examples: Object.fromEntries(
              entries.map((entry) => [
                entry.code,
                {
                  value: {
                    success: false,
                    error: { code: entry.code, message: entry.when, correlationId: 'req-7f3a', timestamp: '2026-03-02T10:00:00.000Z' },
                  },
                },
              ]),
            ),
          },
        },
      },
    ]),
  );
}

export function ok(
  status: number,
  description: string,
  schema: z.ZodType,
  extraHeaders: Record<string, z.ZodType> = {},
): Record<number, ResponseConfig> {
  return {
    [status]: {
      description,
      headers: z.object({ 'X-Correlation-ID': correlationHeader, ...extraHeaders }),
      content: { 'application/json': { schema } },
    },
  };
}

export const requestHeaders = z.object({
  'X-Correlation-ID': z
    .string()
    .optional()
    .openapi({ description: 'Your own id for this request; echoed back and written in every log line', example: 'req-7f3a' }),
});

export const idempotentHeaders = requestHeaders.extend({
  'Idempotency-Key': z
    .string()
    .max(255)
    .optional()
    .openapi({
      description:
        'Makes the POST safe to retry: a repeat with the same key and body returns the first response (with Idempotent-Replayed: true) for 24 h; ' +
        'the same key with another body is 422 IDEMPOTENCY_KEY_REUSED; a repeat while the first runs is 409 IDEMPOTENCY_IN_PROGRESS.',
      example: '6f1c2a0e-booking-1',
    }),
});

export const replayedHeader = {
  'Idempotent-Replayed': z
    .literal('true')
    .optional()
    .openapi({ description: 'Present when this is a stored response replayed for a repeated Idempotency-Key' }),
};

export const jsonBody = (schema: z.ZodType, description?: string) => ({
  description,
  required: true,
  content: { 'application/json': { schema } },
});

/**
 * zod-to-openapi writes a case-insensitive regex as "source/i", which no JSON Schema validator
 * reads as a flag. Spell the case-insensitivity out in the pattern instead.
 */
export function caselessPattern(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i]!;
    if (char === '\\') {
      out += source.slice(i, i + 2);
      i += 1;
    } else if (inClass && /[a-z]/i.test(char) && source[i + 1] === '-' && /[a-z]/i.test(source[i + 2] ?? '')) {
      const end = source[i + 2]!;
      out += `${char.toLowerCase()}-${end.toLowerCase()}${char.toUpperCase()}-${end.toUpperCase()}`;
      i += 2;
    } else if (/[a-z]/i.test(char)) {
      out += inClass ? char.toLowerCase() + char.toUpperCase() : `[${char.toLowerCase()}${char.toUpperCase()}]`;
    } else {
      if (char === '[') inClass = true;
      if (char === ']') inClass = false;
      out += char;
    }
  }
  return out;
}

export function fixPatterns(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(fixPatterns);
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.pattern === 'string' && record.pattern.endsWith('/i')) record.pattern = caselessPattern(record.pattern.slice(0, -2));
  Object.values(record).forEach(fixPatterns);
}
