import { createHash } from 'node:crypto';
import type { AuditRecord, AuditVerification } from './ports/audit.js';

/** The previous hash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

type Chained = Omit<AuditRecord, 'id' | 'hash'>;

/**
 * The exact text a record's hash is taken over: every field in a fixed order, each prefixed with
 * its length in UTF-8 bytes (null as `~`), so that no edit can move text from one field into the
 * next and keep the hash. The SQL function audit_append (migration 003) builds the same text.
 */
export function canonicalAuditText(record: Chained): string {
  const fields = [
    String(record.seq),
    record.at.toISOString(),
    record.actorKind,
    record.actorId,
    record.actorLabel,
    record.action,
    record.resourceType,
    record.resourceId,
    record.outcome,
    record.correlationId,
    record.clientAddress,
    record.prevHash,
  ];
  return fields.map((field) => (field === null ? '~' : `${Buffer.byteLength(field, 'utf8')}:${field}`)).join('|');
}

export function auditHash(record: Chained): string {
  return createHash('sha256').update(canonicalAuditText(record), 'utf8').digest('hex');
}

/**
 * Walks the records in seq order: each must come right after the one before, carry its hash, and
 * hash to what it claims; the last must be where the chain's head says the chain ends, so records
 * removed from the end are noticed too.
 */
export async function verifyChain(records: AsyncIterable<AuditRecord>, head: { seq: number; hash: string }): Promise<AuditVerification> {
  let previous = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  const broken = (brokenAt: number, reason: string): AuditVerification => ({ ok: false, checked, brokenAt, reason });
  for await (const record of records) {
    if (record.seq !== previous.seq + 1) return broken(previous.seq + 1, `record ${previous.seq + 1} is missing`);
    if (record.prevHash !== previous.hash)
      return broken(record.seq, `record ${record.seq} does not carry the hash of record ${previous.seq}`);
    if (auditHash(record) !== record.hash) return broken(record.seq, `record ${record.seq} was changed after it was written`);
    previous = { seq: record.seq, hash: record.hash };
    checked += 1;
  }
  if (head.seq !== previous.seq || head.hash !== previous.hash) {
    return broken(previous.seq + 1, `the chain ends at record ${previous.seq} but its head is at record ${head.seq}`);
  }
  return { ok: true, checked };
}
