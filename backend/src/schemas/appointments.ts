import { freeText, idSchema, isoDate, isoDateTime, pagingQuery, z } from './common.js';

const reason = freeText(500);

// The original API called these startTime/endTime; its clients still send those names.
const renameLegacyFields = (body: unknown) => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const { startTime, endTime, ...rest } = body as Record<string, unknown>;
  return {
    ...rest,
    ...(startTime !== undefined && rest.start === undefined ? { start: startTime } : {}),
    ...(endTime !== undefined && rest.end === undefined ? { end: endTime } : {}),
  };
};

export const bookAppointmentBody = z.preprocess(
  renameLegacyFields,
  z
    .object({
      doctorId: idSchema,
      patientId: idSchema,
      start: isoDateTime,
      end: isoDateTime.optional().openapi({ description: "Defaults to start plus the doctor's slot length" }),
      reason: reason.nullable().optional().openapi({ example: 'Annual check-up' }),
    })
    .strict()
    .openapi('BookAppointment'),
);

export const rescheduleAppointmentBody = z.preprocess(
  renameLegacyFields,
  z
    .object({
      start: isoDateTime,
      end: isoDateTime.optional().openapi({ description: 'Defaults to the new start plus the appointment’s current length' }),
    })
    .strict()
    .openapi('RescheduleAppointment'),
);

export const cancelAppointmentBody = z
  .object({ reason: reason.nullable().optional().openapi({ example: 'Patient called to cancel' }) })
  .strict()
  .openapi('CancelAppointment');

export const listAppointmentsQuery = z
  .object({
    doctorId: idSchema.optional(),
    patientId: idSchema.optional(),
    status: z.enum(['BOOKED', 'CANCELLED']).optional(),
    date: isoDate.optional().openapi({ description: 'A clinic-local day' }),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
  })
  .and(pagingQuery);

export const availabilityQuery = z
  .object({
    doctorId: idSchema,
    date: isoDate,
    duration: z.coerce
      .number()
      .int()
      .min(5)
      .max(480)
      .optional()
      .openapi({ description: "Slot length in minutes; defaults to the doctor's" }),
    slotMinutes: z.coerce.number().int().min(5).max(480).optional().openapi({ description: 'The original API name for duration' }),
  })
  .transform(({ slotMinutes, duration, ...rest }) => ({ ...rest, duration: duration ?? slotMinutes }));

const intervalSchema = z.object({ start: z.string(), end: z.string() });

export const availabilitySchema = z
  .object({ doctorId: z.string(), date: z.string(), timezone: z.string(), slotMinutes: z.number().int(), slots: z.array(intervalSchema) })
  .openapi('Availability');

export const appointmentSchema = z
  .object({
    id: z.string(),
    _id: z.string(),
    doctorId: z.string(),
    patientId: z.string(),
    doctor: z.object({ id: z.string(), name: z.string(), specialty: z.string() }),
    patient: z.object({ id: z.string(), name: z.string() }),
    start: z.string(),
    end: z.string(),
    status: z.enum(['BOOKED', 'CANCELLED']),
    reason: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    cancellationReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Appointment');
