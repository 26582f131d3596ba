import * as contract from '@clinic/contract/audit';
import { AUDIT_ACTIONS } from '@clinic/contract/audit';
import { isoDateTime, named, pagingQuery, z } from './common.js';

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

export const auditRecordSchema = named('AuditRecord', contract.auditRecordSchema);
export const auditVerificationSchema = named('AuditVerification', contract.auditVerificationSchema);
