import { freeText, labelText, z } from './fields.js';

const name = labelText(z.string().trim().min(1, 'must not be empty').max(100)).meta({ example: 'North' });
const address = freeText(300).nullable().meta({ example: '1 High Street, Leeds LS1 1AA' });
const timezone = z.string().trim().min(1, 'must not be empty').max(64).meta({ description: 'An IANA time zone', example: 'Europe/London' });

export const createSiteBody = z.object({ name, address: address.optional(), timezone }).strict();

export const updateSiteBody = z
  .object({ name, address, timezone })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change');

export const siteSchema = z.object({
  id: z.string(),
  _id: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  timezone: z.string(),
  isDefault: z.boolean().meta({ description: 'The default site: its zone is CLINIC_TIMEZONE, and windows naming no site are there' }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type SiteBody = z.infer<typeof siteSchema>;
export type NewSiteBody = z.input<typeof createSiteBody>;
export type SiteChangesBody = z.input<typeof updateSiteBody>;
