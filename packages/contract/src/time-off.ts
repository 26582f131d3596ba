import { appointmentSchema } from './appointments.js';
import { isoDateTime, z } from './fields.js';

export const timeOffReason = z.enum(['holiday', 'sick_leave', 'training', 'other']);

export const createTimeOffBody = z
  .object({
    start: isoDateTime,
    end: isoDateTime.meta({ description: 'After start; at most 366 days later. Part of a day, or several days' }),
    reason: timeOffReason,
  })
  .strict();

export const timeOffSchema = z.object({
  id: z.string(),
  _id: z.string(),
  doctorId: z.string(),
  start: z.string(),
  end: z.string(),
  reason: timeOffReason,
  createdAt: z.string(),
});

export const createdTimeOffSchema = timeOffSchema.extend({
  affected: z.array(appointmentSchema).meta({
    description:
      'Appointments that hold time inside the time off (BOOKED, CHECKED_IN, COMPLETED): kept as they are, for the desk to move or cancel',
  }),
});

export type TimeOffBody = z.infer<typeof timeOffSchema>;
export type NewTimeOffBody = z.input<typeof createTimeOffBody>;
export type CreatedTimeOff = z.infer<typeof createdTimeOffSchema>;
