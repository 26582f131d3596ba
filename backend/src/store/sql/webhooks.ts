import type { DueDelivery, WebhookDelivery, WebhookEndpoint, WebhookRepository } from '../ports/webhooks.js';
import type { SqlDatabase } from './db.js';
import { sqlCall } from './errors.js';
import { newId } from './ids.js';
import { isSqlId } from './rows.js';

type EndpointRow = { id: string; url: string; events: string[]; secret: string; created_at: Date };
type DeliveryRow = {
  id: string;
  endpoint_id: string;
  event_seq: string | number;
  event_type: string;
  payload: unknown;
  status: WebhookDelivery['status'];
  attempts: number;
  next_attempt_at: Date;
  last_status: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
};

const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id,
  url: row.url,
  events: row.events,
  secret: row.secret,
  createdAt: row.created_at,
});

const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id,
  endpointId: row.endpoint_id,
  eventSeq: Number(row.event_seq),
  eventType: row.event_type,
  payload: row.payload,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastStatus: row.last_status,
  lastError: row.last_error,
  createdAt: row.created_at,
  deliveredAt: row.delivered_at,
});

// SKIP LOCKED: workers of several processes each take different deliveries, and none waits.
const CLAIM = `
WITH claimed AS (
  UPDATE webhook_deliveries SET attempts = attempts + 1, locked_until = $2
  WHERE id IN (
    SELECT id FROM webhook_deliveries
    WHERE status = 'pending' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
    ORDER BY next_attempt_at, id LIMIT $3
    FOR UPDATE SKIP LOCKED
  )
  RETURNING *
)
SELECT c.*, e.url, e.secret FROM claimed c JOIN webhook_endpoints e ON e.id = c.endpoint_id ORDER BY c.event_seq`;

const INSERT_DELIVERIES = `
INSERT INTO webhook_deliveries (id, endpoint_id, event_seq, event_type, payload, status, next_attempt_at, created_at)
SELECT d.id, d.endpoint_id, d.event_seq, d.event_type, d.payload, 'pending', d.created_at, d.created_at
FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, endpoint_id uuid, event_seq bigint, event_type text, payload jsonb, created_at timestamptz)
ON CONFLICT (endpoint_id, event_seq) DO NOTHING`;

export function sqlWebhooks(db: SqlDatabase): WebhookRepository {
  return {
    createEndpoint: ({ url, events, secret }) =>
      sqlCall(async () => {
        const rows = await db.query<EndpointRow>(
          'INSERT INTO webhook_endpoints (id, url, events, secret, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING *',
          [newId(), url, events, secret, new Date()],
        );
        return toEndpoint(rows.rows[0]!);
      }),

    listEndpoints: () =>
      sqlCall(async () => (await db.query<EndpointRow>('SELECT * FROM webhook_endpoints ORDER BY created_at, id')).rows.map(toEndpoint)),

    getEndpoint: (id) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return null;
        const rows = await db.query<EndpointRow>('SELECT * FROM webhook_endpoints WHERE id = $1', [id]);
        return rows.rows[0] ? toEndpoint(rows.rows[0]) : null;
      }),

    removeEndpoint: (id) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return false;
        return (await db.query('DELETE FROM webhook_endpoints WHERE id = $1 RETURNING id', [id])).rows.length > 0;
      }),

    deliveries: (endpointId, { limit, offset }) =>
      sqlCall(async () => {
        if (!isSqlId(endpointId)) return { items: [], total: 0 };
        const [rows, count] = await Promise.all([
          db.query<DeliveryRow>(
            'SELECT * FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at DESC, event_seq DESC LIMIT $2 OFFSET $3',
            [endpointId, limit, offset],
          ),
          db.query<{ total: number }>('SELECT count(*)::int AS total FROM webhook_deliveries WHERE endpoint_id = $1', [endpointId]),
        ]);
        return { items: rows.rows.map(toDelivery), total: count.rows[0]?.total ?? 0 };
      }),

    cursor: () =>
      sqlCall(async () =>
        Number((await db.query<{ last_seq: string }>(`SELECT last_seq FROM outbox_cursors WHERE name = 'webhooks'`)).rows[0]!.last_seq),
      ),

    advance: (from, to, deliveries) =>
      sqlCall(() =>
        db.transaction(async (tx) => {
          // Only the process that moves the cursor from where it read it stores what it made.
          const moved = await tx.query(`UPDATE outbox_cursors SET last_seq = $2 WHERE name = 'webhooks' AND last_seq = $1 RETURNING name`, [
            from,
            to,
          ]);
          if (moved.rows.length === 0) return false;
          if (deliveries.length > 0) {
            const json = deliveries.map((d) => ({
              id: newId(),
              endpoint_id: d.endpointId,
              event_seq: d.eventSeq,
              event_type: d.eventType,
              payload: d.payload,
              created_at: d.createdAt,
            }));
            await tx.query(INSERT_DELIVERIES, [JSON.stringify(json)]);
          }
          return true;
        }),
      ),

    claimDue: (now, claimUntil, limit) =>
      sqlCall(async () => {
        const rows = await db.query<DeliveryRow & { url: string; secret: string }>(CLAIM, [now, claimUntil, limit]);
        return rows.rows.map((row): DueDelivery => ({ ...toDelivery(row), url: row.url, secret: row.secret }));
      }),

    settle: (id, outcome) =>
      sqlCall(async () => {
        if (outcome.delivered) {
          await db.query(
            `UPDATE webhook_deliveries SET status = 'delivered', last_status = $2, last_error = NULL, delivered_at = $3, locked_until = NULL WHERE id = $1`,
            [id, outcome.status, outcome.at],
          );
          return;
        }
        await db.query(
          `UPDATE webhook_deliveries SET status = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
             last_status = $2, last_error = $3, next_attempt_at = COALESCE($4, next_attempt_at), locked_until = NULL WHERE id = $1`,
          [id, outcome.status, outcome.error.slice(0, 500), outcome.retryAt],
        );
      }),
  };
}
