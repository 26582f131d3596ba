import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { ERROR_CODES } from '../errors.js';
import { errorSchema, z } from '../schemas/common.js';

// The pieces every operation in openapi.ts is made of: the error table, response and header
// shapes, and the two places where the generator's output needs help.

export type ErrorCode = { status: number; code: string; when: string };

const row = (code: keyof typeof ERROR_CODES): ErrorCode => ({ code, status: ERROR_CODES[code].status, when: ERROR_CODES[code].when });

// Short names for the rows of errors.ts's table that operations list as what can happen to them.
export const ERRORS = {
  validation: row('VALIDATION_ERROR'),
  json: row('INVALID_JSON'),
  notFound: row('NOT_FOUND'),
  linkInvalid: row('LINK_INVALID'),
  tooLate: row('CANCEL_TOO_LATE'),
  booking: row('BOOKING_CONFLICT'),
  patient: row('PATIENT_CONFLICT'),
  cancelled: row('ALREADY_CANCELLED'),
  transition: row('INVALID_TRANSITION'),
  duplicate: row('DUPLICATE'),
  inProgress: row('IDEMPOTENCY_IN_PROGRESS'),
  tooLarge: row('PAYLOAD_TOO_LARGE'),
  unsupported: row('UNSUPPORTED_MEDIA_TYPE'),
  past: row('PAST_APPOINTMENT'),
  hours: row('OUTSIDE_WORKING_HOURS'),
  reused: row('IDEMPOTENCY_KEY_REUSED'),
  invalidTemplate: row('INVALID_TEMPLATE'),
  rate: row('RATE_LIMITED'),
  unauthenticated: row('UNAUTHENTICATED'),
  invalidCredentials: row('INVALID_CREDENTIALS'),
  totpRequired: row('TOTP_REQUIRED'),
  forbidden: row('FORBIDDEN'),
  tooManyAttempts: row('TOO_MANY_ATTEMPTS'),
  internal: row('INTERNAL_ERROR'),
  unavailable: row('SERVICE_UNAVAILABLE'),
  held: row('SLOT_HELD'),
  offerExpired: row('OFFER_EXPIRED'),
  offerClosed: row('OFFER_CLOSED'),
};

export const COMMON_ERRORS = [ERRORS.rate, ERRORS.internal, ERRORS.unavailable];
export const WRITE_ERRORS = [ERRORS.validation, ERRORS.json, ERRORS.tooLarge, ERRORS.unsupported];

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
