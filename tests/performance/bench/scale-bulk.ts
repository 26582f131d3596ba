/**
 * Bulk loading as PostgreSQL's manual advises ("Populating a Database"): drop a table's indexes and
 * constraints, fill it, then build each once from a sort. Updating two GiST exclusion indexes,
 * three btrees and two foreign-key checks per row is what made 10,000,000 rows take 40 minutes.
 */
import type { SqlDatabase } from '../../../backend/src/store/sql/db.js';

type Definition = { name: string; kind: 'index' | 'key' | 'foreign' | 'exclusion'; sql: string };

// Rebuilt in this order: the primary key first (foreign keys elsewhere need it), exclusion
// constraints last, so every row is checked against every other once the load is in.
const ORDER: Definition['kind'][] = ['key', 'index', 'foreign', 'exclusion'];

const DEFINITIONS = `
SELECT conname AS name,
       CASE contype WHEN 'f' THEN 'foreign' WHEN 'x' THEN 'exclusion' ELSE 'key' END AS kind,
       format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS sql
FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'f', 'x')
UNION ALL
SELECT indexrelid::regclass::text, 'index', pg_get_indexdef(indexrelid)
FROM pg_index i WHERE indrelid = $1::regclass
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = i.indrelid AND c.conindid = i.indexrelid)`;

/** Runs `load` on `table` stripped of its indexes and constraints (NOT NULL and CHECK stay), then restores them. */
export async function withoutIndexes(db: SqlDatabase, table: string, load: () => Promise<void>): Promise<void> {
  const definitions = (await db.query<Definition>(DEFINITIONS, [table])).rows;
  const dropped = [...definitions].sort((a, b) => ORDER.indexOf(b.kind) - ORDER.indexOf(a.kind));
  for (const { name, kind } of dropped) {
    await db.exec(kind === 'index' ? `DROP INDEX ${name}` : `ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
  }
  await load();
  for (const { sql } of [...dropped].reverse()) {
    await db.transaction(async (tx) => {
      await tx.exec(`SET LOCAL maintenance_work_mem = '1GB'; SET LOCAL max_parallel_maintenance_workers = 2`);
      await tx.exec(sql);
    });
  }
}

/** Runs `work` over [0, total) in chunks, two at a time: one insert per core of a small server. */
export async function inChunks(total: number, chunk: number, work: (from: number, to: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const from = next;
      next = Math.min(total, next + chunk);
      await work(from, next);
    }
  };
  await Promise.all([worker(), worker()]);
}
