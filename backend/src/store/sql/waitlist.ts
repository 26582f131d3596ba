import { bookingConflict, timeOffRefusal } from '../../errors.js';
import type { AuditEntry } from '../ports/audit.js';
import type { FreedSlot, OfferStatus, WaitlistOffer, WaitlistRepository } from '../ports/waitlist.js';
import { appendInTransaction } from './audit.js';
import type { ChangeFeed } from './change-feed.js';
import type { SqlClient, SqlDatabase } from './db.js';
import { sqlCall } from './errors.js';
import { newId } from './ids.js';
import { APPOINTMENT_VIEW_COLUMNS, APPOINTMENT_VIEW_JOINS, isSqlId, toAppointmentView, type AppointmentViewRow } from './rows.js';
import { ENTRY_SELECT, toEntry, toOffer, type EntryRow, type OfferRow } from './waitlist-rows.js';

type FreedRow = { id: string; doctor_id: string; start_at: Date; end_at: Date; round: number };

// FOR SHARE of the doctor, as a booking takes it: time off being added waits for this hold and
// lists it, or this hold waits for the time off and meets it below.
const LOCK_DOCTOR = 'SELECT id FROM doctors WHERE id = $1 FOR SHARE';
const OFF_DURING = `SELECT EXISTS (SELECT 1 FROM time_off WHERE doctor_id = $1
  AND tstzrange(start_at, end_at, '[)') && tstzrange($2, appointment_busy_until($3, $4), '[)')) AS off`;
// The exclusion constraints are the arbiters, as for a booking: a taken slot inserts nothing.
const INSERT_HOLD = `INSERT INTO appointments (id, doctor_id, patient_id, start_at, end_at, status, reason, visit_type_id, buffer_minutes,
  site_id, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, 'HELD', $6, $7, $8, $9, $10, $10) ON CONFLICT DO NOTHING RETURNING id`;

async function entryById(db: SqlClient, id: string) {
  const rows = await db.query<EntryRow>(`${ENTRY_SELECT} WHERE e.id = $1`, [id]);
  return rows.rows[0] ? toEntry(rows.rows[0]) : null;
}

/**
 * Ends an open offer another way than accepted: its hold is deleted (the slot is free again), its
 * entry waits again unless it is being removed, and its freed slot is open for the next in line.
 */
async function endOffer(tx: SqlClient, offer: OfferRow, status: Exclude<OfferStatus, 'open' | 'accepted'>, now: Date, audit: AuditEntry) {
  if (offer.appointment_id) await tx.query(`DELETE FROM appointments WHERE id = $1 AND status = 'HELD'`, [offer.appointment_id]);
  const ended = await tx.query<OfferRow>(`UPDATE waitlist_offers SET status = $2, decided_at = $3 WHERE id = $1 RETURNING *`, [
    offer.id,
    status,
    now,
  ]);
  await tx.query(`UPDATE waitlist_entries SET status = 'waiting', updated_at = $2 WHERE id = $1 AND status = 'offered'`, [
    offer.entry_id,
    now,
  ]);
  await tx.query(`UPDATE freed_slots SET state = 'open' WHERE id = $1 AND state = 'offered'`, [offer.freed_id]);
  await appendInTransaction(tx, audit, offer.id);
  return toOffer(ended.rows[0]!);
}

export function sqlWaitlist(db: SqlDatabase, feed: ChangeFeed): WaitlistRepository {
  // A hold placed, taken up or released changes the doctor's free time in every process's day cache.
  const released = (offers: WaitlistOffer[]) => offers.forEach((offer) => feed.changed({ doctorId: offer.doctorId }));
  const lockOffer = async (tx: SqlClient, id: string) =>
    isSqlId(id) ? (await tx.query<OfferRow>('SELECT * FROM waitlist_offers WHERE id = $1 FOR UPDATE', [id])).rows[0] : undefined;

  return {
    add: (input, audit) =>
      sqlCall(async () => {
        const ids = [input.patientId, input.doctorId, input.visitTypeId].filter((id): id is string => id !== null);
        if (!ids.every(isSqlId)) return null;
        const found = await db.query<{ patient: boolean; doctor: boolean; visit_type: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM patients WHERE id = $1) AS patient,
                  ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM doctors WHERE id = $2)) AS doctor,
                  ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM visit_types WHERE id = $3 AND doctor_id = $2)) AS visit_type`,
          [input.patientId, input.doctorId, input.visitTypeId],
        );
        const { patient, doctor, visit_type } = found.rows[0]!;
        if (!patient || !doctor || !visit_type) return null;
        const id = newId();
        const now = new Date();
        return db.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO waitlist_entries (id, patient_id, doctor_id, specialty, visit_type_id, windows, note, status, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', $8, $8)`,
            [id, input.patientId, input.doctorId, input.specialty, input.visitTypeId, JSON.stringify(input.windows), input.note, now],
          );
          await appendInTransaction(tx, audit, id);
          return entryById(tx, id);
        });
      }),

    list: ({ limit, offset, doctorId, status }) =>
      sqlCall(async () => {
        if (doctorId && !isSqlId(doctorId)) return { items: [], total: 0 };
        const where = `($1::uuid IS NULL OR e.doctor_id = $1) AND (CASE WHEN $2::text IS NULL THEN e.status <> 'removed' ELSE e.status = $2 END)`;
        const params = [doctorId ?? null, status ?? null];
        const [rows, count] = await Promise.all([
          db.query<EntryRow>(`${ENTRY_SELECT} WHERE ${where} ORDER BY e.created_at, e.id LIMIT $3 OFFSET $4`, [...params, limit, offset]),
          db.query<{ total: number }>(`SELECT count(*)::int AS total FROM waitlist_entries e WHERE ${where}`, params),
        ]);
        return { items: rows.rows.map(toEntry), total: count.rows[0]?.total ?? 0 };
      }),

    get: (id) => sqlCall(async () => (isSqlId(id) ? entryById(db, id) : null)),

    remove: async (id, now, audit) => {
      const ended: WaitlistOffer[] = [];
      const entry = await sqlCall(async () => {
        if (!isSqlId(id)) return null;
        return db.transaction(async (tx) => {
          const removed = await tx.query(`UPDATE waitlist_entries SET status = 'removed', updated_at = $2 WHERE id = $1 RETURNING id`, [
            id,
            now,
          ]);
          if (removed.rows.length === 0) return null;
          const open = await tx.query<OfferRow>(`SELECT * FROM waitlist_offers WHERE entry_id = $1 AND status = 'open' FOR UPDATE`, [id]);
          for (const offer of open.rows) {
            ended.push(
              await endOffer(tx, offer, 'withdrawn', now, { ...audit, action: 'waitlist.withdraw', resourceType: 'waitlist_offer' }),
            );
          }
          await appendInTransaction(tx, audit, id);
          return entryById(tx, id);
        });
      });
      released(ended);
      return entry;
    },

    candidates: (freedId, doctorId, specialty) =>
      sqlCall(async () => {
        const rows = await db.query<EntryRow>(
          `${ENTRY_SELECT} WHERE e.status = 'waiting' AND (e.doctor_id = $2 OR (e.doctor_id IS NULL AND e.specialty = $3))
             AND NOT EXISTS (SELECT 1 FROM waitlist_offers o WHERE o.entry_id = e.id AND o.freed_id = $1)
           ORDER BY e.created_at, e.id LIMIT 50`,
          [freedId, doctorId, specialty],
        );
        return rows.rows.map(toEntry);
      }),

    openFreed: (limit) =>
      sqlCall(async () => {
        const rows = await db.query<FreedRow>(
          `SELECT id, doctor_id, start_at, end_at, round FROM freed_slots WHERE state = 'open' ORDER BY created_at, id LIMIT $1`,
          [limit],
        );
        return rows.rows.map((row): FreedSlot => ({
          id: row.id,
          doctorId: row.doctor_id,
          start: row.start_at,
          end: row.end_at,
          round: row.round,
        }));
      }),

    hold: async ({ freedId, round, entryId, appointment, expiresAt, audit }) => {
      const outcome = await sqlCall(() =>
        db.transaction(async (tx): Promise<WaitlistOffer | 'round-taken' | 'entry-taken'> => {
          const now = new Date();
          const took = await tx.query(
            `UPDATE freed_slots SET state = 'offered', round = round + 1 WHERE id = $1 AND round = $2 AND state = 'open' RETURNING id`,
            [freedId, round],
          );
          if (took.rows.length === 0) return 'round-taken';
          const entry = await tx.query(
            `UPDATE waitlist_entries SET status = 'offered', updated_at = $2 WHERE id = $1 AND status = 'waiting' RETURNING id`,
            [entryId, now],
          );
          // Thrown, not returned: the round taken above must be rolled back with it.
          if (entry.rows.length === 0) throw new EntryTaken();
          const buffer = appointment.bufferMinutes ?? 0;
          await tx.query(LOCK_DOCTOR, [appointment.doctor.id]);
          const off = await tx.query<{ off: boolean }>(OFF_DURING, [appointment.doctor.id, appointment.start, appointment.end, buffer]);
          if (off.rows[0]?.off) throw timeOffRefusal();
          const holdId = newId();
          const inserted = await tx.query(INSERT_HOLD, [
            holdId,
            appointment.doctor.id,
            appointment.patient.id,
            appointment.start,
            appointment.end,
            appointment.reason,
            appointment.visitType?.id ?? null,
            buffer,
            appointment.site!.id,
            now,
          ]);
          if (inserted.rows.length === 0) throw bookingConflict();
          const offer = await tx.query<OfferRow>(
            `INSERT INTO waitlist_offers (id, entry_id, freed_id, appointment_id, doctor_id, start_at, end_at, status, expires_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9) RETURNING *`,
            [newId(), entryId, freedId, holdId, appointment.doctor.id, appointment.start, appointment.end, expiresAt, now],
          );
          await appendInTransaction(tx, audit, offer.rows[0]!.id);
          return toOffer(offer.rows[0]!);
        }),
      ).catch((error: unknown) => {
        if (error instanceof EntryTaken) return 'entry-taken' as const;
        throw error;
      });
      if (typeof outcome !== 'string') released([outcome]);
      return outcome;
    },

    closeFreed: (id, round) =>
      sqlCall(async () => {
        await db.query(`UPDATE freed_slots SET state = 'closed' WHERE id = $1 AND round = $2 AND state = 'open'`, [id, round]);
      }),

    offer: (id) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return null;
        const rows = await db.query<OfferRow & { patient_id: string; patient_name: string; patient_email: string | null }>(
          `SELECT o.*, p.id AS patient_id, p.name AS patient_name, p.email AS patient_email
           FROM waitlist_offers o JOIN waitlist_entries e ON e.id = o.entry_id JOIN patients p ON p.id = e.patient_id WHERE o.id = $1`,
          [id],
        );
        const row = rows.rows[0];
        if (!row) return null;
        const held = row.appointment_id
          ? await db.query<AppointmentViewRow>(
              `SELECT ${APPOINTMENT_VIEW_COLUMNS} FROM appointments a ${APPOINTMENT_VIEW_JOINS} WHERE a.id = $1`,
              [row.appointment_id],
            )
          : { rows: [] };
        return {
          ...toOffer(row),
          appointment: held.rows[0] ? toAppointmentView(held.rows[0]) : null,
          patient: { id: row.patient_id, name: row.patient_name, email: row.patient_email },
        };
      }),

    accept: async (id, now, audits) => {
      const decision = await sqlCall(() =>
        db.transaction(async (tx) => {
          const offer = await lockOffer(tx, id);
          if (!offer) return null;
          if (offer.status !== 'open') return { accepted: false as const, status: offer.status };
          // The worker ends it soon; until then the clock has already said no.
          if (new Date(offer.expires_at) <= now) return { accepted: false as const, status: 'expired' as const };
          const booked = await tx.query<AppointmentViewRow>(
            `WITH updated AS (UPDATE appointments SET status = 'BOOKED', updated_at = $2 WHERE id = $1 AND status = 'HELD' RETURNING *)
             SELECT ${APPOINTMENT_VIEW_COLUMNS} FROM updated a ${APPOINTMENT_VIEW_JOINS}`,
            [offer.appointment_id, now],
          );
          await tx.query(`UPDATE waitlist_offers SET status = 'accepted', decided_at = $2 WHERE id = $1`, [id, now]);
          await tx.query(`UPDATE waitlist_entries SET status = 'booked', updated_at = $2 WHERE id = $1`, [offer.entry_id, now]);
          // The freed time may have room for more than this visit: the next round looks.
          await tx.query(`UPDATE freed_slots SET state = 'open' WHERE id = $1 AND state = 'offered'`, [offer.freed_id]);
          const appointment = toAppointmentView(booked.rows[0]!);
          for (const entry of audits) await appendInTransaction(tx, entry, entry.resourceType === 'appointment' ? appointment.id : id);
          return { accepted: true as const, appointment };
        }),
      );
      if (decision?.accepted) feed.changed({ doctorId: decision.appointment.doctorId });
      return decision;
    },

    decline: async (id, now, audit) => {
      const ended = await sqlCall(() =>
        db.transaction(async (tx) => {
          const offer = await lockOffer(tx, id);
          if (!offer) return null;
          if (offer.status !== 'open') return offer.status;
          return endOffer(tx, offer, 'declined', now, audit);
        }),
      );
      if (ended === null || typeof ended === 'string') return ended;
      released([ended]);
      return ended.status;
    },

    expireDue: async (now, auditOf) => {
      const ended = await sqlCall(() =>
        db.transaction(async (tx) => {
          // SKIP LOCKED: an offer being accepted right now is the accept's to settle.
          const due = await tx.query<OfferRow>(
            `SELECT * FROM waitlist_offers WHERE status = 'open' AND expires_at <= $1 ORDER BY expires_at, id LIMIT 20 FOR UPDATE SKIP LOCKED`,
            [now],
          );
          const done: WaitlistOffer[] = [];
          for (const offer of due.rows) done.push(await endOffer(tx, offer, 'expired', now, auditOf(toOffer(offer))));
          return done;
        }),
      );
      released(ended);
      return ended;
    },
  };
}

/** The entry was offered another slot meanwhile: the hold's transaction is rolled back. */
class EntryTaken extends Error {}
