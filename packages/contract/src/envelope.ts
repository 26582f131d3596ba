import { z } from './fields.js';

/** What every success looks like: the resource under `data`. */
export function envelope<T extends z.ZodType>(data: T) {
  return z.object({ success: z.literal(true), data });
}

/** A page of a list: the items under `data`, how many there are in all under `meta`. */
export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.object({
    success: z.literal(true),
    data: z.array(item),
    meta: z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int() }),
  });
}

const errorDetail = z.object({ path: z.string(), message: z.string() });

/** What every failure looks like. */
export const errorSchema = z.object({
  success: z.literal(false),
  error: z.object({
    code: z.string().meta({ example: 'BOOKING_CONFLICT' }),
    message: z.string(),
    correlationId: z.string(),
    timestamp: z.string(),
    details: z.array(errorDetail).optional(),
  }),
});

export type ErrorDetail = z.infer<typeof errorDetail>;
