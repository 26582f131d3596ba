import { appointmentStatus, statusStepBody } from './appointments.js';
import { z } from './fields.js';

/** The purposes of a link that opens the visit page: each lets its holder do one thing. */
export const visitPurpose = z.enum(['view', 'confirm', 'cancel']);

/**
 * What a patient's link shows: enough to recognise the visit and get there, and never the
 * patient's contact details (a forwarded email must not leak them); the first name only.
 */
export const visitSchema = z.object({
  purpose: visitPurpose,
  appointment: z.object({
    id: z.string(),
    start: z.string(),
    end: z.string(),
    status: appointmentStatus,
    patientConfirmedAt: z.string().nullable(),
    patient: z.object({ firstName: z.string() }),
    doctor: z.object({ name: z.string(), specialty: z.string() }),
    visitType: z.object({ name: z.string() }).nullable(),
    site: z.object({ name: z.string(), address: z.string().nullable(), timezone: z.string() }),
  }),
  cancellable: z.boolean().meta({ description: 'Whether a cancel link would cancel it now: still booked and before cancelBefore' }),
  cancelBefore: z.string().meta({ description: 'The last moment a patient may cancel it themselves (start minus the notice period)' }),
});

/** Confirm and cancel take no fields: the token says who and what. */
export const visitActionBody = statusStepBody;

export type Visit = z.infer<typeof visitSchema>;
export type VisitPurpose = z.infer<typeof visitPurpose>;
