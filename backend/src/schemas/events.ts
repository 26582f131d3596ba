import { isoDate, named, z } from './common.js';

export const eventsQuery = named(
  'EventsQuery',
  z
    .object({
      from: isoDate.optional().openapi({ description: 'First clinic-local day watched (moves are always sent)' }),
      to: isoDate.optional().openapi({ description: 'Last clinic-local day watched' }),
      lastEventId: z.coerce
        .number()
        .int()
        .min(0)
        .max(Number.MAX_SAFE_INTEGER)
        .optional()
        .openapi({ description: 'Resume after this event id, for clients that cannot send the Last-Event-ID header' }),
    })
    .strict(),
);
