import { idSchema, z } from './fields.js';

export const MESSAGE_KINDS = ['confirmation', 'reminder', 'rescheduled', 'cancelled', 'waitlist_offer'] as const;
export const MESSAGE_STATUSES = ['pending', 'sent', 'failed', 'dropped', 'unsent'] as const;

export const messagesQuery = z
  .object({
    appointmentId: idSchema.optional(),
    status: z.enum(MESSAGE_STATUSES).optional(),
  })
  .meta({ description: 'Filters; paging with limit and offset' });

export const messageSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  appointmentId: z.string().nullable(),
  recipient: z.string().nullable().meta({ description: 'The patient’s email; null when they have none' }),
  subject: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable().meta({ description: 'Why it is not (yet) sent: the SMTP answer, no address, SMTP_URL not set...' }),
  sendAt: z.string().meta({ description: 'When it is (or was) due' }),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export const messageSchema = messageSummarySchema.extend({
  text: z.string(),
  html: z.string(),
  ics: z.string().nullable().meta({ description: 'The calendar invitation attached to a confirmation' }),
});

export const messagesListSchema = z.object({
  success: z.literal(true),
  data: z.array(messageSummarySchema),
  meta: z.object({
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    smtpConfigured: z.boolean().meta({ description: 'False: nothing is sent; every message is kept here as unsent' }),
  }),
});

const templatePart = (max: number) => z.string().max(max);

export const templateBody = z
  .object({
    subject: templatePart(500).trim().min(1, 'is required'),
    text: templatePart(20_000).min(1, 'is required'),
    html: templatePart(50_000).min(1, 'is required'),
  })
  .strict()
  .meta({ description: 'Mustache templates; see GET /api/message-templates for the variables' });

export const templateKindParams = z.object({ kind: z.enum(MESSAGE_KINDS) });

export const TEMPLATE_VARIABLES = [
  'patientName',
  'doctorName',
  'specialty',
  'visitType',
  'date',
  'time',
  'timezone',
  'siteName',
  'siteAddress',
  'viewUrl',
  'confirmUrl',
  'cancelUrl',
  'offerUrl',
  'offerExpires',
  'hoursBefore',
] as const;

export const messageTemplateSchema = z.object({
  kind: z.enum(MESSAGE_KINDS),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
  variables: z.array(z.enum(TEMPLATE_VARIABLES)),
});

export type MessageKind = (typeof MESSAGE_KINDS)[number];
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export type MessageSummaryBody = z.infer<typeof messageSummarySchema>;
export type MessageBody = z.infer<typeof messageSchema>;
export type MessagesList = z.infer<typeof messagesListSchema>;
export type TemplateBody = z.infer<typeof templateBody>;
export type MessageTemplateBody = z.infer<typeof messageTemplateSchema>;
