import { verifyChain } from '../audit-chain.js';
import type { AuditEntry, AuditRecord, AuditRepository } from '../ports/audit.js';
import type { SqlClient, SqlDatabase } from './db.js';
import { sqlCall } from './errors.js';

type AuditRow = {
  seq: string | number;
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  outcome: AuditRecord['outcome'];
  correlation_id: string | null;
  client_address: string | null;
  prev_hash: string;
  hash: string;
};

/** An entry as audit_append reads it; the written row's id, where given, names the resource. */
export function auditJson(entry: AuditEntry, resourceId = entry.resourceId) {
  return {
    actor_kind: entry.actorKind,
    actor_id: entry.actorId,
    actor_label: entry.actorLabel,
    action: entry.action,
    resource_type: entry.resourceType,
    resource_id: resourceId,
    outcome: entry.outcome,
    correlation_id: entry.correlationId,
    client_address: entry.clientAddress,
  };
}

/** Appends a write's record inside the write's transaction; the lock on the head is held until it commits. */
export async function appendInTransaction(tx: SqlClient, entry: AuditEntry | undefined, resourceId?: string) {
  if (!entry) return;
  await tx.query('SELECT audit_append($1::jsonb)', [JSON.stringify([auditJson(entry, resourceId ?? entry.resourceId)])]);
}

/**
 * Runs a write and stores its record in the same transaction, naming the row written; a write that
 * found nothing to change (no id) records nothing. Without a record the write needs no transaction.
 */
export function writeWithAudit<T>(
  db: SqlDatabase,
  audit: AuditEntry | undefined,
  write: (client: SqlClient) => Promise<T>,
  resourceIdOf: (result: T) => string | undefined,
): Promise<T> {
  if (!audit) return write(db);
  return db.transaction(async (tx) => {
    const result = await write(tx);
    const resourceId = resourceIdOf(result);
    if (resourceId !== undefined) await appendInTransaction(tx, audit, resourceId);
    return result;
  });
}

/**
 * Empties the audit trail, for tests and `seed --reset` only. The triggers that refuse this are
 * switched off inside this one transaction, which only the tables' owner may do, and nobody else
 * ever sees them off.
 */
export async function resetAuditTrail(db: SqlDatabase) {
  await db.transaction(async (tx) => {
    await tx.exec('ALTER TABLE audit_log DISABLE TRIGGER USER; ALTER TABLE audit_head DISABLE TRIGGER USER');
    await tx.exec("TRUNCATE audit_log; UPDATE audit_head SET seq = 0, hash = repeat('0', 64)");
    await tx.exec('ALTER TABLE audit_log ENABLE TRIGGER USER; ALTER TABLE audit_head ENABLE TRIGGER USER');
  });
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    id: String(row.seq),
    seq: Number(row.seq),
    at: row.at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    outcome: row.outcome,
    correlationId: row.correlation_id,
    clientAddress: row.client_address,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

const VERIFY_PAGE = 1000;
const MAX_BATCH = 200;

/**
 * Group commit, as for bookings: appends that arrive while one statement is in flight go
 * together in the next, so reads recorded under load do not queue one by one on the head's lock.
 */
function appendBatcher(db: SqlClient) {
  let queue: Array<{ entry: AuditEntry; resolve: () => void; reject: (error: unknown) => void }> = [];
  let inFlight = false;

  function flush() {
    if (inFlight || queue.length === 0) return;
    inFlight = true;
    const batch = queue.slice(0, MAX_BATCH);
    queue = queue.slice(MAX_BATCH);
    const entries = JSON.stringify(batch.map(({ entry }) => auditJson(entry)));
    void sqlCall(() => db.query('SELECT audit_append($1::jsonb)', [entries]))
      .then(
        () => batch.forEach(({ resolve }) => resolve()),
        (error: unknown) => batch.forEach(({ reject }) => reject(error)),
      )
      .finally(() => {
        inFlight = false;
        flush();
      });
  }

  return (entry: AuditEntry) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ entry, resolve, reject });
      flush();
    });
}

export function sqlAudit(db: SqlDatabase): AuditRepository {
  const append = appendBatcher(db);

  async function* inOrder(lastSeq: number): AsyncIterable<AuditRecord> {
    for (let after = 0; after < lastSeq;) {
      const page = await db.query<AuditRow>('SELECT * FROM audit_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3', [
        after,
        lastSeq,
        VERIFY_PAGE,
      ]);
      if (page.rows.length === 0) return;
      for (const row of page.rows) yield toRecord(row);
      after = Number(page.rows.at(-1)!.seq);
    }
  }

  return {
    append,
    list: ({ actorId, resourceType, resourceId, action, from, to, limit, offset }) =>
      sqlCall(async () => {
        const where = `($1::text IS NULL OR actor_id = $1) AND ($2::text IS NULL OR resource_type = $2)
          AND ($3::text IS NULL OR resource_id = $3) AND ($4::text IS NULL OR action = $4)
          AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6)`;
        const params = [actorId ?? null, resourceType ?? null, resourceId ?? null, action ?? null, from ?? null, to ?? null];
        const [rows, count] = await Promise.all([
          db.query<AuditRow>(`SELECT * FROM audit_log WHERE ${where} ORDER BY seq DESC LIMIT $7 OFFSET $8`, [...params, limit, offset]),
          db.query<{ total: number }>(`SELECT count(*)::int AS total FROM audit_log WHERE ${where}`, params),
        ]);
        return { items: rows.rows.map(toRecord), total: count.rows[0]?.total ?? 0 };
      }),
    after: (seq, actions, limit) =>
      sqlCall(async () => {
        const rows = await db.query<AuditRow>(
          `SELECT * FROM audit_log WHERE seq > $1 AND action = ANY ($2) AND outcome = 'success' ORDER BY seq LIMIT $3`,
          [seq, actions, limit],
        );
        return rows.rows.map(toRecord);
      }),
    lastSeq: () =>
      sqlCall(async () => {
        const head = await db.query<{ seq: string | number }>('SELECT seq FROM audit_head WHERE id = 1');
        return Number(head.rows[0]?.seq ?? 0);
      }),
    verify: () =>
      sqlCall(async () => {
        // Records appended while this runs lie beyond the head read here, and are left for the next run.
        const head = await db.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
        const { seq, hash } = head.rows[0]!;
        return verifyChain(inOrder(Number(seq)), { seq: Number(seq), hash });
      }),
  };
}
