import { freeText, idSchema, isoDateTime, z } from './fields.js';

const reason = freeText(500);

export const appointmentStatus = z.enum(['BOOKED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'HELD']);

export const bookAppointmentBody = z
  .object({
    doctorId: idSchema,
    patientId: idSchema,
    start: isoDateTime,
    end: isoDateTime.optional().meta({
      description: "Defaults to start plus the visit type's length, else the doctor's slot length; with a visit type it must match",
    }),
    reason: reason.nullable().optional().meta({ example: 'Annual check-up' }),
    visitTypeId: idSchema.optional().meta({ description: "One of the doctor's active visit types: its length and buffer apply" }),
  })
  .strict();

export const rescheduleAppointmentBody = z
  .object({
    start: isoDateTime,
    end: isoDateTime.optional().meta({ description: 'Defaults to the new start plus the appointment’s current length' }),
    doctorId: idSchema.optional().meta({ description: 'Move it to another doctor too, under that doctor’s hours and overlap rule' }),
  })
  .strict();

/** Check-in, complete and no-show take no fields; the time and the caller are recorded by the server. */
export const statusStepBody = z.object({}).strict();

export const cancelAppointmentBody = z
  .object({ reason: reason.nullable().optional().meta({ example: 'Patient called to cancel' }) })
  .strict();

const intervalSchema = z.object({ start: z.string(), end: z.string() });
// A clinic with one site gets the slots the original API sent: start and end only.
const slotSchema = intervalSchema.extend({
  siteId: z.string().optional().meta({ description: 'The site of the working window the slot is in; only once the clinic has several' }),
  timezone: z.string().optional().meta({ description: "That site's IANA zone; only once the clinic has several sites" }),
});
const siteSummary = z.object({ id: z.string(), name: z.string(), timezone: z.string() });

export const availabilitySchema = z.object({
  doctorId: z.string(),
  date: z.string(),
  timezone: z.string(),
  slotMinutes: z.number().int(),
  visitTypeId: z.string().nullable(),
  bufferMinutes: z.number().int().meta({ description: 'Kept free after each slot; the slot itself is the visit' }),
  slots: z.array(slotSchema),
});

export const appointmentSchema = z.object({
  id: z.string(),
  _id: z.string(),
  doctorId: z.string(),
  patientId: z.string(),
  doctor: z.object({ id: z.string(), name: z.string(), specialty: z.string() }),
  patient: z.object({ id: z.string(), name: z.string() }),
  start: z.string(),
  end: z.string(),
  status: appointmentStatus,
  reason: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancellationReason: z.string().nullable(),
  checkedInAt: z.string().nullable().meta({ description: 'When the patient was checked in (CHECKED_IN)' }),
  checkedInBy: z.string().nullable().meta({ description: 'Who checked the patient in: an account’s email or a token’s name' }),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
  noShowAt: z.string().nullable(),
  noShowBy: z.string().nullable(),
  patientConfirmedAt: z
    .string()
    .nullable()
    .meta({ description: 'When the patient confirmed they will come, through the link in their confirmation' }),
  visitType: z.object({ id: z.string(), name: z.string() }).nullable(),
  bufferMinutes: z
    .number()
    .int()
    .meta({ description: 'Minutes after end that the doctor keeps free (the visit type’s buffer when booked)' }),
  site: siteSummary.meta({ description: 'Where it happens, and that site’s zone' }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type AppointmentStatus = z.infer<typeof appointmentStatus>;
export type NewAppointment = z.input<typeof bookAppointmentBody>;
export type NewTime = z.input<typeof rescheduleAppointmentBody>;
export type Appointment = z.infer<typeof appointmentSchema>;
export type Slot = z.infer<typeof slotSchema>;
export type Availability = z.infer<typeof availabilitySchema>;
