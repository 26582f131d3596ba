import {
  bookingConflict,
  BusinessRuleError,
  ConflictError,
  invalidTransition,
  NotFoundError,
  patientConflict,
  slotHeld,
  timeOffRefusal,
} from '../../errors.js';
import type { DayCache, DayChange } from './day-cache.js';
import {
  ParticipantsChangedError,
  type AppointmentRepository,
  type AppointmentView,
  type DoctorDay,
  type IdempotencyCompletion,
  type StatusChange,
  LISTED_BY_DEFAULT,
} from '../store.js';
import type { AuditEntry } from '../ports/audit.js';
import { appendInTransaction, auditJson } from './audit.js';
import { bookingBatcher } from './booking-batch.js';
import type { ChangeFeed } from './change-feed.js';
import type { SqlClient, SqlDatabase } from './db.js';
import { sqlCall } from './errors.js';
import { FREED } from './freed-slots.js';
import { newId } from './ids.js';
import {
  APPOINTMENT_VIEW_COLUMNS,
  APPOINTMENT_VIEW_JOINS,
  fromJson,
  isSqlId,
  toAppointmentView,
  toDoctor,
  toPatient,
  type AppointmentViewRow,
  type DoctorRow,
  type PatientRow,
} from './rows.js';

// The exclusion constraints' predicate (migration 018), word for word, so their partial indexes answer.
const HOLDS_TIME = `status IN ('BOOKED', 'CHECKED_IN', 'COMPLETED', 'HELD')`;

// The doctor's side of the exclusion constraint (migration 012): busy through the buffer.
const DOCTOR_BUSY = `tstzrange(start_at, appointment_busy_until(end_at, buffer_minutes), '[)')`;

// A fresh statement sees the winner that made the INSERT step aside; the doctor's conflict is named
// first, and a doctor's time kept only by a waitlist hold is named as such.
const WHO_CONFLICTS = `
SELECT
  EXISTS (SELECT 1 FROM appointments WHERE doctor_id = $1 AND ${HOLDS_TIME} AND ${DOCTOR_BUSY} && tstzrange($3, $5, '[)')) AS doctor,
  EXISTS (SELECT 1 FROM appointments WHERE doctor_id = $1 AND ${HOLDS_TIME} AND status <> 'HELD' AND ${DOCTOR_BUSY} && tstzrange($3, $5, '[)'))
    AS doctor_booked,
  EXISTS (SELECT 1 FROM appointments WHERE patient_id = $2 AND ${HOLDS_TIME} AND tstzrange(start_at, end_at, '[)') && tstzrange($3, $4, '[)')) AS patient`;

// After a move met the doctor's constraint: whether only a waitlist hold keeps that time.
const ONLY_HELD = `
SELECT EXISTS (SELECT 1 FROM appointments WHERE doctor_id = $1 AND status = 'HELD' AND ${DOCTOR_BUSY} && tstzrange($2, $3, '[)'))
  AND NOT EXISTS (SELECT 1 FROM appointments WHERE doctor_id = $1 AND ${HOLDS_TIME} AND status <> 'HELD' AND id <> $4
                  AND ${DOCTOR_BUSY} && tstzrange($2, $3, '[)')) AS held`;

const PARTICIPANTS = `
SELECT (SELECT to_jsonb(d) FROM doctors d WHERE d.id = $1) AS doctor,
       (SELECT to_jsonb(p) FROM patients p WHERE p.id = $2) AS patient`;

// One round trip for availability; the overlap test is the exclusion constraint's own expression,
// so its partial GiST index answers it.
const DOCTOR_DAY = `
SELECT (SELECT to_jsonb(d) FROM doctors d WHERE d.id = $1) AS doctor,
       COALESCE((SELECT jsonb_agg(jsonb_build_array(a.start_at, appointment_busy_until(a.end_at, a.buffer_minutes)) ORDER BY a.start_at)
                 FROM appointments a WHERE a.doctor_id = $1 AND a.${HOLDS_TIME} AND ${DOCTOR_BUSY} && tstzrange($2, $3, '[)')),
                '[]'::jsonb) AS booked,
       COALESCE((SELECT jsonb_agg(jsonb_build_array(t.start_at, t.end_at) ORDER BY t.start_at) FROM time_off t
                 WHERE t.doctor_id = $1 AND tstzrange(t.start_at, t.end_at, '[)') && tstzrange($2, $3, '[)')),
                '[]'::jsonb) AS off`;

// Both change only a BOOKED row; no row back means the id is unknown or no longer BOOKED.
const CANCEL = `
WITH updated AS (
  UPDATE appointments SET status = 'CANCELLED', cancelled_at = $2, cancellation_reason = $3, updated_at = $2
  WHERE id = $1 AND status = 'BOOKED'
  RETURNING *
)
SELECT ${APPOINTMENT_VIEW_COLUMNS} FROM updated a ${APPOINTMENT_VIEW_JOINS}`;

// Only the first confirmation stamps the row; a repeat finds nothing to update and reads it back.
const CONFIRM_BY_PATIENT = `
WITH updated AS (
  UPDATE appointments SET patient_confirmed_at = $2, updated_at = $2
  WHERE id = $1 AND status = 'BOOKED' AND patient_confirmed_at IS NULL
  RETURNING *
)
SELECT ${APPOINTMENT_VIEW_COLUMNS} FROM updated a ${APPOINTMENT_VIEW_JOINS}`;

// The doctor's row is locked first, so time off being added meanwhile is either seen here or
// lists this move (a move into time off changes no row). The lock is exclusive among moves: moves
// of one doctor take turns instead of deadlocking on each other's exclusion checks, where each
// deadlock costs a second (deadlock_timeout) and a dozen racing moves could take half a minute.
// A move to another doctor locks both rows, in id order, so two moves between the same two doctors
// cannot each hold one and wait for the other.
const LOCK_DOCTOR_OF = `SELECT d.id FROM doctors d WHERE d.id IN (SELECT doctor_id FROM appointments WHERE id = $1) OR d.id = $2
  ORDER BY d.id FOR NO KEY UPDATE`;
// A move keeps the appointment's buffer, which must stay clear of time off too.
const OFF_BETWEEN = `SELECT EXISTS (SELECT 1 FROM time_off t JOIN appointments a ON COALESCE($4, a.doctor_id) = t.doctor_id
  WHERE a.id = $1 AND tstzrange(t.start_at, t.end_at, '[)') && tstzrange($2, appointment_busy_until($3, a.buffer_minutes), '[)')) AS off`;
const RESCHEDULE = `
WITH updated AS (
  UPDATE appointments a SET start_at = $2, end_at = $3, updated_at = $4, revision = revision + 1, site_id = COALESCE($5, site_id),
    doctor_id = COALESCE($6, doctor_id)
  WHERE id = $1 AND status = 'BOOKED'
    AND NOT EXISTS (SELECT 1 FROM time_off t WHERE t.doctor_id = COALESCE($6, a.doctor_id)
                    AND tstzrange(t.start_at, t.end_at, '[)') && tstzrange($2, appointment_busy_until($3, a.buffer_minutes), '[)'))
  RETURNING *
)
SELECT ${APPOINTMENT_VIEW_COLUMNS} FROM updated a ${APPOINTMENT_VIEW_JOINS}`;

// Each step stamps its own pair of columns; the names come from this table, never from input.
const STAMPED: Record<StatusChange['status'], string> = { CHECKED_IN: 'checked_in', COMPLETED: 'completed', NO_SHOW: 'no_show' };
const setStatusStatement = (status: StatusChange['status']) => `
WITH updated AS (
  UPDATE appointments SET status = $3, ${STAMPED[status]}_at = $4, ${STAMPED[status]}_by = $5, updated_at = $4
  WHERE id = $1 AND status = $2
  RETURNING *
)
SELECT ${APPOINTMENT_VIEW_COLUMNS} FROM updated a ${APPOINTMENT_VIEW_JOINS}`;

const OLD_TIME = 'SELECT doctor_id, start_at, end_at FROM appointments WHERE id = $1';

const DEADLOCK = '40P01';

async function remember(tx: SqlClient, idempotency: IdempotencyCompletion | undefined, view: AppointmentView) {
  if (!idempotency) return;
  const { status, body } = idempotency.render(view);
  await tx.query('UPDATE idempotency_keys SET status_code = $2, response_body = $3 WHERE key = $1', [
    idempotency.key,
    status,
    JSON.stringify(body),
  ]);
}

async function getView(db: SqlClient, id: string): Promise<AppointmentView | null> {
  if (!isSqlId(id)) return null;
  const result = await db.query<AppointmentViewRow>(
    `SELECT ${APPOINTMENT_VIEW_COLUMNS} FROM appointments a ${APPOINTMENT_VIEW_JOINS} WHERE a.id = $1`,
    [id],
  );
  return result.rows[0] ? toAppointmentView(result.rows[0]) : null;
}

async function readDoctorDay(db: SqlClient, doctorId: string, from: Date, to: Date): Promise<DoctorDay> {
  const result = await db.query<{ doctor: Record<string, unknown> | null; booked: Array<[string, string]>; off: Array<[string, string]> }>(
    DOCTOR_DAY,
    [doctorId, from, to],
  );
  const doctor = fromJson<DoctorRow>(result.rows[0]?.doctor ?? null);
  const intervals = (pairs: Array<[string, string]> | undefined) =>
    (pairs ?? []).map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
  return { doctor: doctor && toDoctor(doctor), booked: intervals(result.rows[0]?.booked), off: intervals(result.rows[0]?.off) };
}

/** Where a booking that names no site happens (tests and the seed; the services always name one). */
async function defaultSite(db: SqlClient): Promise<AppointmentView['site']> {
  const rows = await db.query<{ id: string; name: string; timezone: string | null }>(
    'SELECT id, name, timezone FROM sites WHERE is_default',
  );
  return rows.rows[0]!;
}

const busyEnd = (view: AppointmentView) => new Date(view.end.getTime() + view.bufferMinutes * 60_000);

/** Whether a failed write certainly wrote nothing: the store refused it for a reason it names. */
const refused = (error: unknown) => error instanceof NotFoundError || error instanceof ConflictError || error instanceof BusinessRuleError;

export function sqlAppointments(db: SqlDatabase, days: DayCache, feed: ChangeFeed): AppointmentRepository {
  const bookRow = bookingBatcher(db);
  const replica = db.reader ?? db;
  // A cancel or a move that failed on the way back may have committed, for a doctor we do not know.
  const changing = async (write: () => Promise<AppointmentView>, change: (view: AppointmentView) => DayChange) => {
    try {
      const view = await write();
      feed.changed(change(view));
      return view;
    } catch (error) {
      if (!refused(error)) feed.changed('everything');
      throw error;
    }
  };
  const updateBooked = (doing: string, statement: string, params: unknown[], idempotency?: IdempotencyCompletion, audit?: AuditEntry) =>
    db.transaction(async (tx) => {
      const id = params[0] as string;
      const moving = statement === RESCHEDULE && isSqlId(id);
      if (moving) await tx.query(LOCK_DOCTOR_OF, [id, params[5] ?? null]);
      // Under the doctor's lock no other move of this appointment can run before ours.
      const old = moving ? (await tx.query<{ doctor_id: string; start_at: Date; end_at: Date }>(OLD_TIME, [id])).rows[0] : undefined;
      const updated = isSqlId(id) ? await tx.query<AppointmentViewRow>(statement, params) : { rows: [] };
      const row = updated.rows[0];
      if (!row) {
        const current = await getView(tx, id);
        if (!current) throw new NotFoundError('Appointment not found');
        if (current.status !== 'BOOKED') throw invalidTransition(current.status, doing);
        if (moving && (await tx.query<{ off: boolean }>(OFF_BETWEEN, [...params.slice(0, 3), params[5] ?? null])).rows[0]?.off) {
          throw timeOffRefusal();
        }
        throw invalidTransition(current.status, doing);
      }
      const view = toAppointmentView(row);
      await remember(tx, idempotency, view);
      const freed = old ?? { doctor_id: view.doctorId, start_at: view.start, end_at: view.end };
      await tx.query(FREED, [newId(), freed.doctor_id, freed.start_at, freed.end_at, new Date()]);
      // Last: the chain's head stays locked from here until the commit.
      await appendInTransaction(tx, audit, view.id);
      return view;
    });

  return {
    participants: (doctorId, patientId) =>
      sqlCall(async () => {
        // An id of the other engine's format names nobody here; the cast to uuid would fail on it.
        const result = await db.query<{ doctor: Record<string, unknown> | null; patient: Record<string, unknown> | null }>(PARTICIPANTS, [
          isSqlId(doctorId) ? doctorId : null,
          isSqlId(patientId) ? patientId : null,
        ]);
        const doctor = fromJson<DoctorRow>(result.rows[0]?.doctor ?? null);
        const patient = fromJson<PatientRow>(result.rows[0]?.patient ?? null);
        return { doctor: doctor && toDoctor(doctor), patient: patient && toPatient(patient) };
      }),

    book: (input, idempotency, audit) =>
      sqlCall(async () => {
        const now = new Date();
        const site = input.site ?? (await defaultSite(db));
        const view: AppointmentView = {
          id: newId(),
          doctorId: input.doctor.id,
          patientId: input.patient.id,
          start: input.start,
          end: input.end,
          status: 'BOOKED',
          reason: input.reason,
          cancelledAt: null,
          cancellationReason: null,
          checkedInAt: null,
          checkedInBy: null,
          completedAt: null,
          completedBy: null,
          noShowAt: null,
          noShowBy: null,
          patientConfirmedAt: null,
          revision: 0,
          visitTypeId: input.visitType?.id ?? null,
          bufferMinutes: input.bufferMinutes ?? 0,
          siteId: site.id,
          createdAt: now,
          updatedAt: now,
          doctor: input.doctor,
          patient: input.patient,
          visitType: input.visitType ?? null,
          site,
        };
        const stored = idempotency?.render(view);
        const busyUntil = new Date(view.end.getTime() + view.bufferMinutes * 60_000);
        const interval = { doctorId: view.doctorId, start: view.start, end: busyUntil };
        const outcome = await bookRow({
          id: view.id,
          doctorId: view.doctorId,
          patientId: view.patientId,
          start: view.start,
          end: view.end,
          reason: view.reason,
          visitTypeId: view.visitTypeId,
          bufferMinutes: view.bufferMinutes,
          siteId: site.id,
          createdAt: now,
          doctorVersion: input.versions.doctor,
          patientVersion: input.versions.patient,
          key: idempotency?.key ?? null,
          statusCode: stored?.status ?? null,
          responseBody: stored?.body ?? null,
          audit: audit ? auditJson(audit, view.id) : null,
        }).catch((error: unknown) => {
          feed.changed(interval);
          throw error;
        });
        if (outcome === 'inserted') feed.changed(interval);
        if (outcome === 'changed') throw new ParticipantsChangedError();
        if (outcome === 'off') throw timeOffRefusal();
        if (outcome === 'taken') {
          const who = await db.query<{ doctor: boolean; doctor_booked: boolean; patient: boolean }>(WHO_CONFLICTS, [
            view.doctorId,
            view.patientId,
            view.start,
            view.end,
            busyUntil,
          ]);
          // Neither: the winner was cancelled in between; the slot was still taken when we asked for it.
          const found = who.rows[0];
          if (found?.patient && !found.doctor) throw patientConflict();
          throw found?.doctor && !found.doctor_booked ? slotHeld() : bookingConflict();
        }
        return view;
      }),

    cancel: (id, reason, idempotency, audit) =>
      changing(
        () => sqlCall(() => updateBooked('cancelled', CANCEL, [id, new Date(), reason], idempotency, audit)),
        (view) => ({ doctorId: view.doctorId, start: view.start, end: busyEnd(view) }),
      ),

    reschedule: async (id, start, end, idempotency, audit, to) => {
      // A move to another doctor frees time in the old doctor's days too: read who that was first.
      const from = to?.doctorId ? (await sqlCall(() => getView(db, id)))?.doctorId : undefined;
      // The constraint names no row: a doctor's time kept only by a hold is said to be held.
      const namingHolds = async (error: unknown) => {
        if (!(error instanceof ConflictError) || error.code !== 'BOOKING_CONFLICT') return error;
        const current = await sqlCall(() => getView(db, id));
        if (!current) return error;
        const busyUntil = new Date(end.getTime() + current.bufferMinutes * 60_000);
        const doctorId = to?.doctorId && isSqlId(to.doctorId) ? to.doctorId : current.doctorId;
        const found = await db.query<{ held: boolean }>(ONLY_HELD, [doctorId, start, busyUntil, id]);
        return found.rows[0]?.held ? slotHeld() : error;
      };
      const view = await changing(
        () =>
          sqlCall(async () => {
            // Two moves into each other's time can each wait on the other's constraint check; PostgreSQL
            // fails one with a deadlock, and running it again meets the winner and reports the conflict.
            for (let attempt = 1; ; attempt += 1) {
              try {
                const sqlId = (value?: string) => (value && isSqlId(value) ? value : null);
                const params = [id, start, end, new Date(), sqlId(to?.siteId), sqlId(to?.doctorId)];
                return await updateBooked('rescheduled', RESCHEDULE, params, idempotency, audit);
              } catch (error) {
                if (attempt >= 3 || (error as { code?: string }).code !== DEADLOCK) throw error;
              }
            }
          }),
        // The time it left is not returned; every day of the doctor is read again.
        (moved) => ({ doctorId: moved.doctorId }),
      ).catch(async (error: unknown) => {
        throw await namingHolds(error);
      });
      if (from && from !== view.doctorId) feed.changed({ doctorId: from });
      return view;
    },

    setStatus: (id, from, change, idempotency, audit) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return null;
        const view = await db.transaction(async (tx) => {
          const updated = await tx.query<AppointmentViewRow>(setStatusStatement(change.status), [
            id,
            from,
            change.status,
            change.at,
            change.by,
          ]);
          if (!updated.rows[0]) return null;
          const moved = toAppointmentView(updated.rows[0]);
          await remember(tx, idempotency, moved);
          await appendInTransaction(tx, audit, moved.id);
          return moved;
        });
        // A no-show gives its time back, and every step is news to the live calendars of every process.
        if (view) feed.changed({ doctorId: view.doctorId, start: view.start, end: busyEnd(view) });
        return view;
      }),

    confirmByPatient: (id, at, audit) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return null;
        const view = await db.transaction(async (tx) => {
          const updated = await tx.query<AppointmentViewRow>(CONFIRM_BY_PATIENT, [id, at]);
          if (!updated.rows[0]) return null;
          const confirmed = toAppointmentView(updated.rows[0]);
          await appendInTransaction(tx, audit, confirmed.id);
          return confirmed;
        });
        if (view) {
          // Live calendars show the confirmation; the doctor's free time is unchanged.
          feed.changed({ doctorId: view.doctorId, start: view.start, end: busyEnd(view) });
          return view;
        }
        const current = await getView(db, id);
        return current?.status === 'BOOKED' ? current : null;
      }),

    get: (id) => sqlCall(() => getView(db, id)),

    list: ({ doctorId, patientId, statuses, from, to, limit, offset, newestFirst }) =>
      sqlCall(async () => {
        if ((doctorId && !isSqlId(doctorId)) || (patientId && !isSqlId(patientId))) return { items: [], total: 0 };
        const where = `($1::uuid IS NULL OR a.doctor_id = $1) AND ($2::uuid IS NULL OR a.patient_id = $2)
          AND ($3::text[] IS NULL OR a.status = ANY ($3)) AND ($4::timestamptz IS NULL OR a.start_at >= $4)
          AND ($5::timestamptz IS NULL OR a.start_at < $5)`;
        const params = [doctorId ?? null, patientId ?? null, statuses ?? LISTED_BY_DEFAULT, from ?? null, to ?? null];
        const order = newestFirst ? 'a.start_at DESC, a.id DESC' : 'a.start_at, a.id';
        const [rows, count] = await Promise.all([
          // The page is cut before the joins, so a day of 16,000 rows reads 100 patients, not 16,000.
          replica.query<AppointmentViewRow>(
            `SELECT ${APPOINTMENT_VIEW_COLUMNS}
             FROM (SELECT * FROM appointments a WHERE ${where} ORDER BY ${order} LIMIT $6 OFFSET $7) a ${APPOINTMENT_VIEW_JOINS}
             ORDER BY ${order}`,
            [...params, limit, offset],
          ),
          replica.query<{ total: number }>(`SELECT count(*)::int AS total FROM appointments a WHERE ${where}`, params),
        ]);
        return { items: rows.rows.map(toAppointmentView), total: count.rows[0]?.total ?? 0 };
      }),

    doctorDay: (doctorId, from, to) =>
      sqlCall(async () => {
        if (!isSqlId(doctorId)) return { doctor: null, booked: [], off: [] };
        // What the cache keeps must be exact (a change notice drops it, and a lagging replica could
        // put the old answer back after that), so only the reads it will not keep go to a replica.
        return days.read(doctorId, from, to, () => readDoctorDay(days.stats().serving ? db : replica, doctorId, from, to));
      }),
  };
}
