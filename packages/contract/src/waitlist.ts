import { appointmentSchema } from './appointments.js';
import { freeText, idSchema, isoDate, specialtySchema, z } from './fields.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time as HH:mm');
const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

export const waitlistWindow = z
  .object({
    weekday: weekday.optional(),
    date: isoDate.optional(),
    start: clock.meta({ example: '09:00' }),
    end: clock.meta({ example: '12:00' }),
  })
  .strict()
  .refine((window) => window.start < window.end, { path: ['end'], message: 'must be after start' })
  .meta({ description: "A time that suits the patient, in the site's wall time: on a weekday, on a date, or (neither) any day" });

export const createWaitlistBody = z
  .object({
    patientId: idSchema,
    doctorId: idSchema.optional(),
    specialty: specialtySchema.optional().meta({ description: 'Any doctor of this specialty; send this or doctorId, not both' }),
    visitTypeId: idSchema.optional().meta({ description: "One of the doctor's visit types: the offer's length and buffer" }),
    windows: z.array(waitlistWindow).min(1).max(20),
    note: freeText(500).optional(),
  })
  .strict()
  .refine((body) => (body.doctorId === undefined) !== (body.specialty === undefined), {
    path: ['doctorId'],
    message: 'send either doctorId or specialty',
  });

export const waitlistStatus = z.enum(['waiting', 'offered', 'booked', 'removed']);
export const offerStatus = z.enum(['open', 'accepted', 'declined', 'expired', 'withdrawn']);

export const waitlistQuery = z.object({ doctorId: idSchema.optional(), status: waitlistStatus.optional() });

export const waitlistOfferSchema = z.object({
  id: z.string(),
  entryId: z.string(),
  appointmentId: z.string().nullable().meta({ description: 'The HELD appointment while open, the BOOKED one once accepted' }),
  doctorId: z.string(),
  start: z.string(),
  end: z.string(),
  status: offerStatus,
  expiresAt: z.string().meta({ description: 'When the hold runs out and the slot goes to the next in line' }),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const waitlistEntrySchema = z.object({
  id: z.string(),
  _id: z.string(),
  patient: z.object({ id: z.string(), name: z.string() }),
  doctor: z.object({ id: z.string(), name: z.string(), specialty: z.string() }).nullable(),
  specialty: z.string().nullable(),
  visitType: z.object({ id: z.string(), name: z.string() }).nullable(),
  windows: z.array(waitlistWindow),
  note: z.string().nullable(),
  status: waitlistStatus,
  createdAt: z.string(),
  offers: z.array(waitlistOfferSchema).meta({ description: 'Newest first' }),
});

export const publicOfferSchema = z.object({
  status: offerStatus,
  expiresAt: z.string(),
  appointment: z.object({
    start: z.string(),
    end: z.string(),
    doctor: z.object({ name: z.string(), specialty: z.string() }),
    visitType: z.object({ id: z.string(), name: z.string() }).nullable(),
    site: z.object({ name: z.string(), address: z.string().nullable(), timezone: z.string() }).nullable(),
    timezone: z.string().meta({ description: "The site's zone, to show the time in" }),
  }),
  patient: z.object({ firstName: z.string() }),
});

export const acceptedOfferSchema = z.object({ status: z.literal('accepted'), appointment: appointmentSchema });
export const declinedOfferSchema = z.object({ status: z.literal('declined') });
export const offerTokenParams = z.object({ token: z.string().min(1).max(500) });

export type WaitlistEntryBody = z.infer<typeof waitlistEntrySchema>;
export type WaitlistOfferBody = z.infer<typeof waitlistOfferSchema>;
export type NewWaitlistBody = z.input<typeof createWaitlistBody>;
export type PublicOfferBody = z.infer<typeof publicOfferSchema>;
