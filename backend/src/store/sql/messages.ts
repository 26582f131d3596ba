import type { Message, MessageRepository, MessageTemplate } from '../ports/messages.js';
import type { SqlDatabase } from './db.js';
import { sqlCall } from './errors.js';
import { newId } from './ids.js';
import { isSqlId } from './rows.js';

type MessageRow = {
  id: string;
  kind: Message['kind'];
  appointment_id: string | null;
  appointment_start: Date | null;
  event_seq: string | number;
  recipient: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  ics: string | null;
  send_at: Date;
  status: Message['status'];
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
};
type TemplateRow = { kind: MessageTemplate['kind']; subject: string; text: string; html: string; updated_at: Date };

const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  kind: row.kind,
  appointmentId: row.appointment_id,
  appointmentStart: row.appointment_start,
  eventSeq: Number(row.event_seq),
  recipient: row.recipient,
  subject: row.subject,
  textBody: row.text_body,
  htmlBody: row.html_body,
  ics: row.ics,
  sendAt: row.send_at,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastError: row.last_error,
  createdAt: row.created_at,
  sentAt: row.sent_at,
});

const toTemplate = (row: TemplateRow): MessageTemplate => ({
  kind: row.kind,
  subject: row.subject,
  text: row.text,
  html: row.html,
  updatedAt: row.updated_at,
});

// SKIP LOCKED: workers of several processes each take different messages, and none waits.
const CLAIM = `
UPDATE messages SET attempts = attempts + 1, locked_until = $2
WHERE id IN (
  SELECT id FROM messages
  WHERE status = 'pending' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
  ORDER BY next_attempt_at, id LIMIT $3
  FOR UPDATE SKIP LOCKED
)
RETURNING *`;

const INSERT_MESSAGES = `
INSERT INTO messages (id, kind, appointment_id, appointment_start, event_seq, recipient, subject, text_body, html_body, ics,
  send_at, status, next_attempt_at, last_error, created_at)
SELECT m.id, m.kind, m.appointment_id, m.appointment_start, m.event_seq, m.recipient, m.subject, m.text_body, m.html_body, m.ics,
  m.send_at, m.status, m.send_at, m.last_error, m.created_at
FROM jsonb_to_recordset($1::jsonb) AS m(id uuid, kind text, appointment_id uuid, appointment_start timestamptz, event_seq bigint,
  recipient text, subject text, text_body text, html_body text, ics text, send_at timestamptz, status text, last_error text,
  created_at timestamptz)
ON CONFLICT (event_seq, kind, send_at) DO NOTHING`;

const DROP_REMINDERS = `
UPDATE messages SET status = 'dropped', last_error = 'the appointment was moved or cancelled', locked_until = NULL
FROM jsonb_to_recordset($1::jsonb) AS d(appointment_id uuid, before_seq bigint)
WHERE messages.kind = 'reminder' AND messages.status = 'pending'
  AND messages.appointment_id = d.appointment_id AND messages.event_seq < d.before_seq`;

export function sqlMessages(db: SqlDatabase): MessageRepository {
  return {
    list: ({ limit, offset, appointmentId, status }) =>
      sqlCall(async () => {
        if (appointmentId !== undefined && !isSqlId(appointmentId)) return { items: [], total: 0 };
        const where = 'WHERE ($1::uuid IS NULL OR appointment_id = $1) AND ($2::text IS NULL OR status = $2)';
        const params = [appointmentId ?? null, status ?? null];
        const [rows, count] = await Promise.all([
          db.query<MessageRow>(`SELECT * FROM messages ${where} ORDER BY created_at DESC, event_seq DESC, send_at, id LIMIT $3 OFFSET $4`, [
            ...params,
            limit,
            offset,
          ]),
          db.query<{ total: number }>(`SELECT count(*)::int AS total FROM messages ${where}`, params),
        ]);
        return { items: rows.rows.map(toMessage), total: count.rows[0]?.total ?? 0 };
      }),

    get: (id) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return null;
        const rows = await db.query<MessageRow>('SELECT * FROM messages WHERE id = $1', [id]);
        return rows.rows[0] ? toMessage(rows.rows[0]) : null;
      }),

    cursor: () =>
      sqlCall(async () =>
        Number((await db.query<{ last_seq: string }>(`SELECT last_seq FROM outbox_cursors WHERE name = 'messages'`)).rows[0]!.last_seq),
      ),

    advance: (from, to, messages, drops) =>
      sqlCall(() =>
        db.transaction(async (tx) => {
          // Only the process that moves the cursor from where it read it stores what it made.
          const moved = await tx.query(`UPDATE outbox_cursors SET last_seq = $2 WHERE name = 'messages' AND last_seq = $1 RETURNING name`, [
            from,
            to,
          ]);
          if (moved.rows.length === 0) return false;
          if (messages.length > 0) {
            const json = messages.map((m) => ({
              id: newId(),
              kind: m.kind,
              appointment_id: m.appointmentId,
              appointment_start: m.appointmentStart,
              event_seq: m.eventSeq,
              recipient: m.recipient,
              subject: m.subject,
              text_body: m.textBody,
              html_body: m.htmlBody,
              ics: m.ics,
              send_at: m.sendAt,
              status: m.status,
              last_error: m.lastError,
              created_at: m.createdAt,
            }));
            await tx.query(INSERT_MESSAGES, [JSON.stringify(json)]);
          }
          // After the inserts: a reminder made and then moved within this batch is dropped too.
          if (drops.length > 0) {
            const json = drops.map((d) => ({ appointment_id: d.appointmentId, before_seq: d.beforeSeq }));
            await tx.query(DROP_REMINDERS, [JSON.stringify(json)]);
          }
          return true;
        }),
      ),

    claimDue: (now, claimUntil, limit) =>
      sqlCall(async () => (await db.query<MessageRow>(CLAIM, [now, claimUntil, limit])).rows.map(toMessage)),

    settle: (id, outcome) =>
      sqlCall(async () => {
        const sentAt = outcome.status === 'sent' ? outcome.at : null;
        const error = outcome.status === 'sent' ? null : outcome.error.slice(0, 500);
        const retryAt = outcome.status === 'pending' ? outcome.retryAt : null;
        await db.query(
          `UPDATE messages SET status = $2, sent_at = $3, last_error = $4, next_attempt_at = COALESCE($5, next_attempt_at),
             locked_until = NULL WHERE id = $1`,
          [id, outcome.status, sentAt, error, retryAt],
        );
      }),

    templates: () =>
      sqlCall(async () => (await db.query<TemplateRow>('SELECT * FROM message_templates ORDER BY kind')).rows.map(toTemplate)),

    saveTemplate: ({ kind, subject, text, html }) =>
      sqlCall(async () => {
        const rows = await db.query<TemplateRow>(
          `INSERT INTO message_templates (kind, subject, text, html, updated_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (kind) DO UPDATE SET subject = EXCLUDED.subject, text = EXCLUDED.text, html = EXCLUDED.html,
             updated_at = EXCLUDED.updated_at
           RETURNING *`,
          [kind, subject, text, html, new Date()],
        );
        return toTemplate(rows.rows[0]!);
      }),

    removeTemplate: (kind) =>
      sqlCall(async () => (await db.query('DELETE FROM message_templates WHERE kind = $1 RETURNING kind', [kind])).rows.length > 0),
  };
}
