import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { auditRecordSchema, auditVerificationSchema, listAuditQuery } from '../schemas/audit.js';
import { envelope, listEnvelope } from '../schemas/common.js';
import { asQuery, describePaging, ERRORS, errorResponses, ok, requestHeaders } from './responses.js';

/** The audit trail (admin only): read it and check its chain; no route changes or removes a record. */
export function auditRoutes(): RouteConfig[] {
  return [
    {
      method: 'get',
      path: '/api/audit',
      tags: ['Audit'],
      summary: 'Audit records, newest first, filtered by actor, resource, action and [from, to), and paged (admin)',
      description:
        'One record for every read or write of patient data and every sign-in event: who (actor kind, id and label), what ' +
        '(action, resource type and id), the outcome, the correlation id and client address. Records never hold contact details.',
      request: { headers: requestHeaders, query: describePaging(asQuery(listAuditQuery)) },
      responses: { ...ok(200, 'One page, newest first', listEnvelope(auditRecordSchema)), ...errorResponses([ERRORS.validation]) },
    },
    {
      method: 'get',
      path: '/api/audit/verify',
      tags: ['Audit'],
      summary: 'Recompute the whole hash chain and name the first record that does not follow from the one before (admin)',
      description:
        'ok: true with the number of records checked, or ok: false with brokenAt (the seq of the first broken link) and the reason: ' +
        'a record changed, missing, or removed from the end of the chain.',
      request: { headers: requestHeaders },
      responses: { ...ok(200, 'The verdict on the chain', envelope(auditVerificationSchema)), ...errorResponses([]) },
    },
  ];
}
