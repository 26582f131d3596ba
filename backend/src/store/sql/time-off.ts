import type { TimeOff, TimeOffReason, TimeOffRepository } from '../store.js';
import type { ChangeFeed } from './change-feed.js';
import type { SqlDatabase } from './db.js';
import { sqlCall } from './errors.js';
import { FREED } from './freed-slots.js';
import { newId } from './ids.js';
import { APPOINTMENT_VIEW_COLUMNS, APPOINTMENT_VIEW_JOINS, isSqlId, toAppointmentView, type AppointmentViewRow } from './rows.js';

type TimeOffRow = { id: string; doctor_id: string; start_at: Date; end_at: Date; reason: TimeOffReason; created_at: Date };

const toTimeOff = (row: TimeOffRow): TimeOff => ({
  id: row.id,
  doctorId: row.doctor_id,
  start: row.start_at,
  end: row.end_at,
  reason: row.reason,
  createdAt: row.created_at,
});

// Updating the doctor's row (a new version, as any doctor change makes) waits for the bookings in
// flight, which hold it FOR SHARE, so the list below sees them; a booking that waited here finds
// the new version and reads the doctor again, time off included.
const LOCK_DOCTOR = `UPDATE doctors SET updated_at = GREATEST($2, date_trunc('milliseconds', updated_at) + interval '1 millisecond')
  WHERE id = $1 RETURNING id`;

const AFFECTED = `
SELECT ${APPOINTMENT_VIEW_COLUMNS} FROM appointments a ${APPOINTMENT_VIEW_JOINS}
WHERE a.doctor_id = $1 AND a.status IN ('BOOKED', 'CHECKED_IN', 'COMPLETED')
  AND tstzrange(a.start_at, a.end_at, '[)') && tstzrange($2, $3, '[)')
ORDER BY a.start_at, a.id`;

export function sqlTimeOff(db: SqlDatabase, feed: ChangeFeed): TimeOffRepository {
  return {
    create: ({ doctorId, start, end, reason }) =>
      sqlCall(async () => {
        if (!isSqlId(doctorId)) return null;
        const created = await db.transaction(async (tx) => {
          const now = new Date();
          if ((await tx.query(LOCK_DOCTOR, [doctorId, now])).rows.length === 0) return null;
          const inserted = await tx.query<TimeOffRow>(
            'INSERT INTO time_off (id, doctor_id, start_at, end_at, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
            [newId(), doctorId, start, end, reason, now],
          );
          const affected = await tx.query<AppointmentViewRow>(AFFECTED, [doctorId, start, end]);
          return { timeOff: toTimeOff(inserted.rows[0]!), affected: affected.rows.map(toAppointmentView) };
        });
        if (created) feed.changed({ doctorId });
        return created;
      }),

    list: (doctorId, from, to) =>
      sqlCall(async () => {
        if (!isSqlId(doctorId)) return [];
        const rows = await db.query<TimeOffRow>(
          `SELECT * FROM time_off WHERE doctor_id = $1 AND ($2::timestamptz IS NULL OR end_at > $2) AND ($3::timestamptz IS NULL OR start_at < $3)
           ORDER BY start_at, id`,
          [doctorId, from ?? null, to ?? null],
        );
        return rows.rows.map(toTimeOff);
      }),

    get: (id) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return null;
        const rows = await db.query<TimeOffRow>('SELECT * FROM time_off WHERE id = $1', [id]);
        return rows.rows[0] ? toTimeOff(rows.rows[0]) : null;
      }),

    remove: (id) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return null;
        const removed = await db.transaction(async (tx) => {
          const rows = await tx.query<TimeOffRow>('DELETE FROM time_off WHERE id = $1 RETURNING *', [id]);
          const row = rows.rows[0];
          // A new version of the doctor: bookings checked against the old one read it again.
          if (row) await tx.query(LOCK_DOCTOR, [row.doctor_id, new Date()]);
          if (row) await tx.query(FREED, [newId(), row.doctor_id, row.start_at, row.end_at, new Date()]);
          return row ? toTimeOff(row) : null;
        });
        if (removed) feed.changed({ doctorId: removed.doctorId });
        return removed;
      }),
  };
}
