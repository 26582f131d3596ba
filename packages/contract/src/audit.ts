import { z } from './fields.js';

export const AUDIT_ACTIONS = [
  'patient.read',
  'patient.list',
  'patient.create',
  'patient.update',
  'appointment.read',
  'appointment.list',
  'appointment.book',
  'appointment.cancel',
  'appointment.reschedule',
  'appointment.check_in',
  'appointment.complete',
  'appointment.no_show',
  'waitlist.add',
  'waitlist.remove',
  'waitlist.offer',
  'waitlist.accept',
  'waitlist.decline',
  'waitlist.expire',
  'waitlist.withdraw',
  'appointment.patient_confirm',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  'auth.totp_enabled',
  'account.create',
  'account.update',
  'token.create',
  'token.revoke',
  'access.denied',
] as const;

export const auditRecordSchema = z.object({
  id: z.string(),
  seq: z.number().int().meta({ description: 'The record’s place in the chain: 1, 2, 3... without gaps' }),
  at: z.string(),
  actorKind: z.enum(['account', 'token', 'local', 'anonymous', 'system', 'patient-link']).meta({
    description:
      'system: a worker of the server (waitlist offers and expiries); patient-link: a patient acting through a signed link sent to them',
  }),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable().meta({ description: 'The account’s email or the token’s name' }),
  action: z.enum(AUDIT_ACTIONS),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  correlationId: z.string().nullable(),
  clientAddress: z.string().nullable(),
  prevHash: z.string().meta({ description: 'SHA-256 (hex) of the record before; 64 zeros for the first' }),
  hash: z.string().meta({ description: 'SHA-256 (hex) over this record’s fields and prevHash' }),
});

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int().meta({ description: 'Records found intact, from the first on' }),
  brokenAt: z.number().int().optional().meta({ description: 'The seq of the first record that does not follow from the one before' }),
  reason: z.string().optional(),
});

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditRecord = z.infer<typeof auditRecordSchema>;
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
