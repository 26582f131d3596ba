import { AUDIT_ACTIONS } from '../services/audit.js';
import { isoDateTime, pagingQuery, z } from './common.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const listAuditQuery = z
  .object({
    actorId: text(200).optional().openapi({ description: 'An account or token id' }),
    resourceType: text(50).optional().openapi({ example: 'patient' }),
    resourceId: text(200).optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    from: isoDateTime.optional().openapi({ description: 'Records at or after this instant' }),
    to: isoDateTime.optional().openapi({ description: 'Records before this instant' }),
  })
  .and(pagingQuery);

export const auditRecordSchema = z
  .object({
    id: z.string(),
    seq: z.number().int().openapi({ description: 'The record’s place in the chain: 1, 2, 3... without gaps' }),
    at: z.string(),
    actorKind: z.enum(['account', 'token', 'local', 'anonymous']),
    actorId: z.string().nullable(),
    actorLabel: z.string().nullable().openapi({ description: 'The account’s email or the token’s name' }),
    action: z.enum(AUDIT_ACTIONS),
    resourceType: z.string(),
    resourceId: z.string().nullable(),
    outcome: z.enum(['success', 'failure', 'denied']),
    correlationId: z.string().nullable(),
    clientAddress: z.string().nullable(),
    prevHash: z.string().openapi({ description: 'SHA-256 (hex) of the record before; 64 zeros for the first' }),
    hash: z.string().openapi({ description: 'SHA-256 (hex) over this record’s fields and prevHash' }),
  })
  .openapi('AuditRecord');

export const auditVerificationSchema = z
  .object({
    ok: z.boolean(),
    checked: z.number().int().openapi({ description: 'Records found intact, from the first on' }),
    brokenAt: z.number().int().optional().openapi({ description: 'The seq of the first record that does not follow from the one before' }),
    reason: z.string().optional(),
  })
  .openapi('AuditVerification');
