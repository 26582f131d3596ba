import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import type { SqlClient } from '../../src/store/sql/db.js';
import { lockDataDir } from '../../src/store/sql/pglite-lock.js';
import { PGLITE_EXTENSIONS } from '../../src/store/sql/pglite.js';

const run = promisify(execFile);

/** Rows and an order-independent digest of their text, per table of the public schema. */
export type TableSums = Record<string, { rows: number; md5: string }>;

/** Whatever tables exist (other branches add some): each is counted and summed the same way. */
export async function tableSums(db: SqlClient): Promise<TableSums> {
  const tables = await db.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const sums: TableSums = {};
  for (const { name } of tables.rows) {
    const result = await db.query<{ rows: number; md5: string | null }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM "${name}" t`,
    );
    sums[name] = { rows: result.rows[0]!.rows, md5: result.rows[0]!.md5 ?? '' };
  }
  return sums;
}

const pgliteClient = (db: PGlite): SqlClient => ({
  query: async <Row>(text: string, params?: unknown[]) => ({ rows: (await db.query<Row>(text, params)).rows }),
  exec: async (script: string) => void (await db.exec(script)),
});

/** A gzipped tar of a PGlite data directory, from an open instance: PGlite runs one statement at a time, so it is consistent. */
export async function dumpPglite(db: PGlite, file: string): Promise<void> {
  const dump = await db.dumpDataDir('gzip');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
}

/**
 * PGlite lives inside the API process and locks its directory, so its backup is taken with the
 * API stopped (or from inside the process with dumpPglite).
 */
export async function backupPglite(dataDir: string, file: string): Promise<TableSums> {
  const unlock = lockDataDir(dataDir);
  try {
    const db = await PGlite.create({ dataDir, extensions: PGLITE_EXTENSIONS });
    try {
      await dumpPglite(db, file);
      return await tableSums(pgliteClient(db));
    } finally {
      await db.close();
    }
  } finally {
    unlock();
  }
}

/** Loads a dump into a directory that must be empty (or absent): a restore never merges. */
export async function restorePglite(file: string, dataDir: string): Promise<TableSums> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new Error(`${dataDir} is not empty; restore into an empty directory`);
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  try {
    const loadDataDir = new Blob([readFileSync(file)]);
    const db = await PGlite.create({ dataDir, loadDataDir, extensions: PGLITE_EXTENSIONS });
    try {
      return await tableSums(pgliteClient(db));
    } finally {
      await db.close();
    }
  } finally {
    unlock();
  }
}

/**
 * pg_dump's custom format from one snapshot (a repeatable-read transaction), so bookings may go on
 * meanwhile. libpq reads the multi-host DATABASE_URL itself and picks the primary.
 */
export async function backupPostgres(url: string, file: string): Promise<void> {
  await run('pg_dump', ['--format=custom', '--no-owner', '--file', file, '--dbname', url], { maxBuffer: 16 * 1024 * 1024 });
}

/**
 * Into an empty database only, in one transaction: all of it or nothing. Tables, data, then
 * constraints and triggers, in pg_restore's order, so a trigger that refuses UPDATE or DELETE
 * (an append-only table) does not stand in its way.
 */
export async function restorePostgres(file: string, url: string, isEmpty: () => Promise<boolean>): Promise<void> {
  if (!(await isEmpty())) throw new Error('the target database already has tables; restore into an empty database');
  await run('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', '--dbname', url, file], {
    maxBuffer: 16 * 1024 * 1024,
  });
}
