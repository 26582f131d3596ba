import { z } from './fields.js';

/** The events a webhook can ask for: each is one change to an appointment, or a waitlist offer made or accepted. */
export const WEBHOOK_EVENTS = [
  'appointment.booked',
  'appointment.cancelled',
  'appointment.rescheduled',
  'appointment.checked_in',
  'appointment.completed',
  'appointment.no_show',
  'waitlist.offered',
  'waitlist.accepted',
] as const;

export const createWebhookBody = z
  .object({
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
      .max(2000)
      .meta({ example: 'https://integrator.example/hooks/clinic' }),
    events: z
      .array(z.enum(WEBHOOK_EVENTS))
      .min(1)
      .max(WEBHOOK_EVENTS.length)
      .meta({ example: ['appointment.booked'] }),
  })
  .strict();

export const webhookSchema = z.object({
  id: z.string(),
  _id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  createdAt: z.string(),
});

export const createdWebhookSchema = webhookSchema.extend({
  secret: z.string().meta({ description: 'The signing secret (Standard Webhooks, whsec_...): shown this once' }),
});

export const webhookDeliverySchema = z.object({
  id: z.string(),
  eventId: z.string().meta({ description: 'The webhook-id header: the same on every retry, for the receiver to drop repeats' }),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().int().nullable().meta({ description: 'The receiver’s HTTP status on the last attempt' }),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export type WebhookBody = z.infer<typeof webhookSchema>;
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;
export type WebhookDeliveryBody = z.infer<typeof webhookDeliverySchema>;
