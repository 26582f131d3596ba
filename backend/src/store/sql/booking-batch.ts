import type { auditJson } from './audit.js';
import type { SqlClient } from './db.js';

/** One booking as the batch statement takes it. */
export type BookingRow = {
  id: string;
  doctorId: string;
  patientId: string;
  start: Date;
  end: Date;
  reason: string | null;
  visitTypeId: string | null;
  bufferMinutes: number;
  siteId: string;
  createdAt: Date;
  doctorVersion: Date;
  patientVersion: Date;
  key: string | null;
  statusCode: number | null;
  responseBody: unknown;
  /** The booking's audit record, naming the new appointment; stored only if the row is. */
  audit: ReturnType<typeof auditJson> | null;
};

/** inserted; or the time was taken; or the doctor is off then; or the doctor or patient changed since the caller read them. */
export type BookingOutcome = 'inserted' | 'taken' | 'off' | 'changed';

// Each row is inserted only if its doctor and patient are still at the versions the service
// checked its rules against (milliseconds, as a JavaScript Date holds them), and its idempotency
// and audit records are written in the same statement: one atomic unit per row, one round trip per
// batch. The rows inserted are appended to the audit chain in arrival order, and only they are.
// ON CONFLICT DO NOTHING makes the exclusion constraints arbiters (speculative insertion): a row
// overlapping a booked one, or an earlier row of the same batch, is skipped; racers in other
// transactions wait for the first and step aside, where a plain INSERT can deadlock with another
// racer and both sit out deadlock_timeout (1 s) before one fails. Rows go in arrival order.
// FOR SHARE holds each doctor's row until the commit: time off (and any doctor change) takes it
// FOR UPDATE, so it waits for bookings in flight and lists them, and a booking that waited on it
// sees the doctor's new version and reports 'changed' (the caller reads again, and meets the time off).
const BOOK_BATCH = `
WITH batch AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS b(
    n int, id uuid, doctor_id uuid, patient_id uuid, start_at timestamptz, end_at timestamptz, reason text, visit_type_id uuid,
    buffer_minutes int, site_id uuid, created_at timestamptz, doctor_version timestamptz, patient_version timestamptz, key text, status_code int,
    response_body jsonb, audit jsonb)
), off AS (
  SELECT b.n FROM batch b
  WHERE EXISTS (SELECT 1 FROM time_off t WHERE t.doctor_id = b.doctor_id
                AND tstzrange(t.start_at, t.end_at, '[)') && tstzrange(b.start_at, appointment_busy_until(b.end_at, b.buffer_minutes), '[)'))
), participants AS (
  SELECT b.* FROM batch b
  JOIN doctors d ON d.id = b.doctor_id AND date_trunc('milliseconds', d.updated_at) = b.doctor_version
  JOIN patients p ON p.id = b.patient_id AND date_trunc('milliseconds', p.updated_at) = b.patient_version
  WHERE b.n NOT IN (SELECT n FROM off)
  FOR SHARE OF d
), inserted AS (
  INSERT INTO appointments (id, doctor_id, patient_id, start_at, end_at, status, reason, visit_type_id, buffer_minutes, site_id,
    created_at, updated_at)
  SELECT id, doctor_id, patient_id, start_at, end_at, 'BOOKED', reason, visit_type_id, buffer_minutes, site_id, created_at, created_at
  FROM participants ORDER BY n
  ON CONFLICT DO NOTHING
  RETURNING id
), remembered AS (
  UPDATE idempotency_keys k SET status_code = p.status_code, response_body = p.response_body
  FROM participants p JOIN inserted i ON i.id = p.id
  WHERE k.key = p.key
), audited AS (
  SELECT audit_append(jsonb_agg(p.audit ORDER BY p.n)) AS last_seq
  FROM participants p JOIN inserted i ON i.id = p.id
  WHERE p.audit IS NOT NULL
)
SELECT b.id, i.id IS NOT NULL AS inserted, p.id IS NOT NULL AS unchanged, b.n IN (SELECT n FROM off) AS off
FROM batch b LEFT JOIN inserted i ON i.id = b.id LEFT JOIN participants p ON p.id = b.id CROSS JOIN audited`;

const MAX_BATCH = 100;
// The database works on one batch while this process gathers the next. A second batch in flight
// split the same bookings into smaller batches that cost both processes more CPU per booking.
const MAX_IN_FLIGHT = 1;

type Pending = { row: BookingRow; resolve: (outcome: BookingOutcome) => void; reject: (error: unknown) => void };

async function bookRows(db: SqlClient, rows: BookingRow[]): Promise<Map<string, BookingOutcome>> {
  const json = JSON.stringify(
    rows.map((row, n) => ({
      n,
      id: row.id,
      doctor_id: row.doctorId,
      patient_id: row.patientId,
      start_at: row.start,
      end_at: row.end,
      reason: row.reason,
      visit_type_id: row.visitTypeId,
      buffer_minutes: row.bufferMinutes,
      site_id: row.siteId,
      created_at: row.createdAt,
      doctor_version: row.doctorVersion,
      patient_version: row.patientVersion,
      key: row.key,
      status_code: row.statusCode,
      response_body: row.responseBody,
      audit: row.audit,
    })),
  );
  const result = await db.query<{ id: string; inserted: boolean; unchanged: boolean; off: boolean }>(BOOK_BATCH, [json]);
  const outcome = ({ inserted, unchanged, off }: { inserted: boolean; unchanged: boolean; off: boolean }): BookingOutcome =>
    inserted ? 'inserted' : off ? 'off' : unchanged ? 'taken' : 'changed';
  return new Map(result.rows.map((row) => [row.id, outcome(row)]));
}

/**
 * Group commit for bookings: those that arrive while earlier ones are in flight wait and go
 * together in one statement and one transaction, so under load a booking costs a fraction of a
 * round trip and of a commit. Each booking still gets its own outcome, and its 201 only after
 * its row is committed. A booking that arrives when nothing is in flight goes at once.
 */
export function bookingBatcher(db: SqlClient) {
  const queue: Pending[] = [];
  let inFlight = 0;
  let scheduled = false;

  async function settle(batch: Pending[]) {
    try {
      const outcomes = await bookRows(
        db,
        batch.map((pending) => pending.row),
      );
      for (const pending of batch) pending.resolve(outcomes.get(pending.row.id)!);
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // One row can fail the whole statement (a deadlock with another process's batch, say):
      // then each goes again on its own, so only that row's own error reaches its caller.
      await Promise.all(
        batch.map((pending) =>
          bookRows(db, [pending.row]).then((outcomes) => pending.resolve(outcomes.get(pending.row.id)!), pending.reject),
        ),
      );
    }
  }

  function flush() {
    scheduled = false;
    while (inFlight < MAX_IN_FLIGHT && queue.length > 0) {
      inFlight += 1;
      void settle(queue.splice(0, MAX_BATCH)).finally(() => {
        inFlight -= 1;
        flush();
      });
    }
  }

  return (row: BookingRow) =>
    new Promise<BookingOutcome>((resolve, reject) => {
      queue.push({ row, resolve, reject });
      // Requests read in the same turn of the event loop go in one batch.
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
