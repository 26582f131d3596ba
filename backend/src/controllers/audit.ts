import type { Request, Response } from 'express';
import { listAuditQuery } from '../schemas/audit.js';
import type { AuditService } from '../services/audit.js';
import { parseInstant } from '../services/clinic-time.js';
import type { AuditRecord } from '../store/ports/audit.js';
import { parse } from './parse.js';
import { ok, okPage } from './present.js';

const presentAuditRecord = (record: AuditRecord) => ({
  id: record.id,
  seq: record.seq,
  at: record.at.toISOString(),
  actorKind: record.actorKind,
  actorId: record.actorId,
  actorLabel: record.actorLabel,
  action: record.action,
  resourceType: record.resourceType,
  resourceId: record.resourceId,
  outcome: record.outcome,
  correlationId: record.correlationId,
  clientAddress: record.clientAddress,
  prevHash: record.prevHash,
  hash: record.hash,
});

/** Reading the trail and checking its chain; nothing here can change or remove a record. */
export function auditController(audit: AuditService, timezone: string) {
  // The schema has checked the text; without an offset it is a wall time in the clinic's zone.
  const instant = (text: string | undefined) => (text === undefined ? undefined : (parseInstant(text, timezone) ?? undefined));
  return {
    list: async (req: Request, res: Response) => {
      const { from, to, ...query } = parse(listAuditQuery, req.query, 'query');
      const page = await audit.list({ ...query, from: instant(from), to: instant(to) });
      res.json(okPage(page, query, presentAuditRecord));
    },
    verify: async (_req: Request, res: Response) => {
      res.json(ok(await audit.verify()));
    },
  };
}
