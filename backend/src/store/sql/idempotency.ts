import type { IdempotencyRepository, StoredResponse } from '../store.js';
import { IDEMPOTENCY_TTL_MS } from '../store.js';
import type { SqlClient } from './db.js';
import { sqlCall } from './errors.js';

type KeyRow = { request_hash: string; status_code: number | null; response_body: unknown };

// Claims a new key, or takes over one that expired or whose holder died mid-request.
const CLAIM = `
INSERT INTO idempotency_keys (key, request_hash, locked_at, expires_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (key) DO UPDATE
  SET request_hash = EXCLUDED.request_hash, locked_at = EXCLUDED.locked_at, expires_at = EXCLUDED.expires_at,
      status_code = NULL, response_body = NULL
  WHERE idempotency_keys.expires_at < $3 OR (idempotency_keys.status_code IS NULL AND idempotency_keys.locked_at < $5)
RETURNING key`;

export function sqlIdempotency(db: SqlClient): IdempotencyRepository {
  return {
    begin: (key, requestHash, staleAfterMs) =>
      sqlCall(async () => {
        const now = new Date();
        const claimed = await db.query(CLAIM, [
          key,
          requestHash,
          now,
          new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
          new Date(now.getTime() - staleAfterMs),
        ]);
        if (claimed.rows.length > 0) return { state: 'started' } as const;
        const existing = await db.query<KeyRow>('SELECT request_hash, status_code, response_body FROM idempotency_keys WHERE key = $1', [
          key,
        ]);
        const row = existing.rows[0];
        // Only a purge between the two statements can empty this; the key is then free but unclaimed.
        if (!row) return { state: 'in-progress', requestHash } as const;
        if (row.status_code === null) return { state: 'in-progress', requestHash: row.request_hash } as const;
        const response: StoredResponse = { status: row.status_code, body: row.response_body };
        return { state: 'completed', requestHash: row.request_hash, response } as const;
      }),
    complete: (key, response) =>
      sqlCall(async () => {
        await db.query('UPDATE idempotency_keys SET status_code = $2, response_body = $3 WHERE key = $1 AND status_code IS NULL', [
          key,
          response.status,
          JSON.stringify(response.body),
        ]);
      }),
    release: (key) =>
      sqlCall(async () => {
        await db.query('DELETE FROM idempotency_keys WHERE key = $1 AND status_code IS NULL', [key]);
      }),
    purgeExpired: (now) =>
      sqlCall(async () => {
        const result = await db.query('DELETE FROM idempotency_keys WHERE expires_at < $1 RETURNING key', [now]);
        return result.rows.length;
      }),
  };
}
