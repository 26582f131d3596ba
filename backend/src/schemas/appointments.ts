import * as contract from '@clinic/contract/appointments';
import { idSchema, isoDate, isoDateTime, named, pagingQuery, z } from './common.js';

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

export const bookAppointmentBody = z.preprocess(renameLegacyFields, named('BookAppointment', contract.bookAppointmentBody));

export const rescheduleAppointmentBody = z.preprocess(
  renameLegacyFields,
  named('RescheduleAppointment', contract.rescheduleAppointmentBody),
);

export const cancelAppointmentBody = named('CancelAppointment', contract.cancelAppointmentBody);

export const statusStepBody = named('StatusStep', contract.statusStepBody);

export const listAppointmentsQuery = z
  .object({
    doctorId: idSchema.optional(),
    patientId: idSchema.optional(),
    status: contract.appointmentStatus.optional(),
    date: isoDate.optional().openapi({ description: 'A clinic-local day' }),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
  })
  .and(pagingQuery);

export const availabilityQuery = z
  .object({
    doctorId: idSchema,
    date: isoDate,
    patientId: idSchema.optional().openapi({ description: 'Leave out the times this patient is booked elsewhere' }),
    duration: z.coerce
      .number()
      .int()
      .min(5)
      .max(480)
      .optional()
      .openapi({ description: "Slot length in minutes; defaults to the doctor's" }),
    slotMinutes: z.coerce.number().int().min(5).max(480).optional().openapi({ description: 'The original API name for duration' }),
    visitTypeId: idSchema
      .optional()
      .openapi({ description: "Slots for one of the doctor's visit types: its length, with its buffer free after it" }),
  })
  .transform(({ slotMinutes, duration, ...rest }) => ({ ...rest, duration: duration ?? slotMinutes }));

export const availabilitySchema = named('Availability', contract.availabilitySchema);
export const appointmentSchema = named('Appointment', contract.appointmentSchema);
