import { labelText, z } from './fields.js';

const name = labelText(z.string().trim().min(1, 'must not be empty').max(100)).meta({ example: 'New patient' });
const durationMinutes = z.number().int().min(5).max(480).meta({ description: 'Length of the visit in minutes', example: 45 });
const bufferMinutes = z
  .number()
  .int()
  .min(0)
  .max(240)
  .meta({ description: 'Minutes after the visit that keep the doctor free of the next booking (cleaning, notes)', example: 10 });

export const createVisitTypeBody = z
  .object({
    name,
    durationMinutes,
    bufferMinutes: bufferMinutes.default(0),
    active: z.boolean().default(true),
  })
  .strict();

export const updateVisitTypeBody = z
  .object({ name, durationMinutes, bufferMinutes, active: z.boolean() })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change');

export const visitTypeSchema = z.object({
  id: z.string(),
  _id: z.string(),
  doctorId: z.string(),
  name: z.string(),
  durationMinutes: z.number().int(),
  bufferMinutes: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type VisitTypeBody = z.infer<typeof visitTypeSchema>;
export type NewVisitTypeBody = z.input<typeof createVisitTypeBody>;
export type VisitTypeChangesBody = z.input<typeof updateVisitTypeBody>;
