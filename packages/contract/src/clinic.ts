import { z } from './fields.js';

export const roleSchema = z.enum(['admin', 'staff', 'doctor']);

/**
 * The clinic's zone and hours, for clients that show times the way the clinic reads them, and
 * how to sign in: the auth mode and, while the demo clinic is loaded, its demo accounts.
 */
export const clinicConfigSchema = z.object({
  timezone: z.string(),
  clinicStartHour: z.number().int(),
  clinicEndHour: z.number().int(),
  defaultSlotMinutes: z.number().int(),
  authMode: z.enum(['required', 'off']),
  /** Admins must turn on two-step sign-in before they may do anything else. */
  requireAdminTotp: z.boolean(),
  demoAccounts: z.array(z.object({ email: z.string(), password: z.string(), role: roleSchema, name: z.string() })).optional(),
});

export type ClinicConfig = z.infer<typeof clinicConfigSchema>;
export type Role = z.infer<typeof roleSchema>;
export type DemoAccount = NonNullable<ClinicConfig['demoAccounts']>[number];
