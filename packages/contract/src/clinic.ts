import { z } from './fields.js';

/** The clinic's zone and hours, for clients that show times the way the clinic reads them. */
export const clinicConfigSchema = z.object({
  timezone: z.string(),
  clinicStartHour: z.number().int(),
  clinicEndHour: z.number().int(),
  defaultSlotMinutes: z.number().int(),
});

export type ClinicConfig = z.infer<typeof clinicConfigSchema>;
