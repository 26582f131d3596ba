import { Writable } from 'node:stream';
import type { Response } from 'supertest';
import { expect } from 'vitest';
import winston from 'winston';
import { createLogger, type Logger } from '../../src/config/logger.js';
import type { SqlDatabase } from '../../src/store/sql/db.js';
import { openPglite } from '../../src/store/sql/pglite.js';
import { createSqlStore } from '../../src/store/sql/sql-store.js';
import type { Store } from '../../src/store/store.js';

/** An in-memory PGlite store with its SQL connection kept, so a test can see every row. */
export async function openPgliteWithSql(): Promise<{ store: Store; db: SqlDatabase; cleanup: () => Promise<void> }> {
  const db = await openPglite('pglite://memory');
  const store = await createSqlStore(db);
  return { store, db, cleanup: () => store.close() };
}

// Written on purpose by a refused request: the audit trail records the attempt, and the caller's
// token or session notes when it was last used; the first link checked makes the server's signing
// key. None of them is data the request could change.
const ACCESS_RECORDS = ['audit_log', 'audit_head', 'api_tokens', 'sessions', 'app_secrets'];

/**
 * Per table but the access records, a text that changes when any of its rows does. Tables are read
 * from the catalogue, so a table added by a later migration is covered without touching this.
 */
export async function tableDigests(db: SqlDatabase): Promise<Record<string, string>> {
  const { rows } = await db.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1)) ORDER BY 1",
    [ACCESS_RECORDS],
  );
  const parts = rows.map(
    ({ name }) =>
      `SELECT '${name}' AS name, count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${name}" t`,
  );
  const { rows: digests } = await db.query<{ name: string; digest: string }>(parts.join(' UNION ALL '));
  return Object.fromEntries(digests.map((row) => [row.name, row.digest]));
}

/** The digests of every table but those named. */
export const digestsExcept = (digests: Record<string, string>, except: string[]) =>
  Object.fromEntries(Object.entries(digests).filter(([name]) => !except.includes(name)));

export const databaseDigest = async (db: SqlDatabase, options: { except?: string[] } = {}) =>
  digestsExcept(await tableDigests(db), options.except ?? []);

export type LogEntry = { level: string; message: string } & Record<string, unknown>;

/** A logger at debug level whose JSON lines land in `entries`. */
export function capturingLogger(): { logger: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const logger = createLogger({ level: 'debug', json: true });
  const sink = new Writable({ write: (chunk, _encoding, done) => (entries.push(JSON.parse(String(chunk)) as LogEntry), done()) });
  logger.clear().add(new winston.transports.Stream({ stream: sink }));
  return { logger, entries };
}

/** Entries that an operator would be paged for: error level, or any stack trace. */
export const alarming = (entries: LogEntry[]) =>
  entries.filter((entry) => entry.level === 'error' || JSON.stringify(entry).includes('stack'));

/** The SPEC's error body, with the correlation id the response carries in its header. */
export function isErrorShape(body: unknown, correlationId: string | undefined): boolean {
  if (!body || typeof body !== 'object') return false;
  const { success, error } = body as { success?: unknown; error?: Record<string, unknown> };
  if (success !== false || !error || typeof error !== 'object') return false;
  const { code, message, timestamp, details } = error;
  const detailsOk =
    details === undefined ||
    (Array.isArray(details) &&
      details.every(
        (detail: { path?: unknown; message?: unknown }) => typeof detail.path === 'string' && typeof detail.message === 'string',
      ));
  return (
    typeof code === 'string' &&
    /^[A-Z_]+$/.test(code) &&
    typeof message === 'string' &&
    typeof error.correlationId === 'string' &&
    error.correlationId === correlationId &&
    typeof timestamp === 'string' &&
    !Number.isNaN(Date.parse(timestamp)) &&
    detailsOk
  );
}

/**
 * A check for a request that must be refused: its status and code in the error shape, not one
 * row changed (but in the tables named in `except`), and nothing in the log to page anyone for.
 */
export function rejectionCheck(db: SqlDatabase, logs: LogEntry[]) {
  return async (send: () => PromiseLike<Response>, status: number, code: string, except: string[] = []) => {
    const before = await databaseDigest(db, { except });
    logs.length = 0;
    const response = await send();
    expect([response.status, response.body?.error?.code]).toEqual([status, code]);
    expect(isErrorShape(response.body, response.headers['x-correlation-id'])).toBe(true);
    expect(await databaseDigest(db, { except })).toEqual(before);
    expect(alarming(logs)).toEqual([]);
    return response;
  };
}
