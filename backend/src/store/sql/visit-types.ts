import type { VisitType, VisitTypeRepository } from '../ports/visit-types.js';
import type { SqlDatabase } from './db.js';
import { sqlCall } from './errors.js';
import { newId } from './ids.js';
import { isSqlId } from './rows.js';

type VisitTypeRow = {
  id: string;
  doctor_id: string;
  name: string;
  duration_minutes: number;
  buffer_minutes: number;
  active: boolean;
  created_at: Date;
  updated_at: Date;
};

const toVisitType = (row: VisitTypeRow): VisitType => ({
  id: row.id,
  doctorId: row.doctor_id,
  name: row.name,
  durationMinutes: row.duration_minutes,
  bufferMinutes: row.buffer_minutes,
  active: row.active,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

// Absent fields keep their value; COALESCE does that without building SQL from field names.
const UPDATE = `
UPDATE visit_types SET name = COALESCE($2, name), duration_minutes = COALESCE($3, duration_minutes),
  buffer_minutes = COALESCE($4, buffer_minutes), active = COALESCE($5, active), updated_at = $6
WHERE id = $1 RETURNING *`;

// One statement either way, so an appointment booked meanwhile cannot slip between the check and the delete.
const REMOVE = `
WITH named AS (SELECT EXISTS (SELECT 1 FROM appointments WHERE visit_type_id = $1) AS used),
deleted AS (DELETE FROM visit_types WHERE id = $1 AND NOT (SELECT used FROM named) RETURNING id),
deactivated AS (UPDATE visit_types SET active = false, updated_at = $2 WHERE id = $1 AND (SELECT used FROM named) RETURNING id)
SELECT (SELECT count(*) FROM deleted)::int AS deleted, (SELECT count(*) FROM deactivated)::int AS deactivated`;

const FOREIGN_KEY_VIOLATION = '23503';

export function sqlVisitTypes(db: SqlDatabase): VisitTypeRepository {
  return {
    create: ({ doctorId, name, durationMinutes, bufferMinutes, active }) =>
      sqlCall(async () => {
        if (!isSqlId(doctorId)) return null;
        const now = new Date();
        const rows = await db.query<VisitTypeRow>(
          `INSERT INTO visit_types (id, doctor_id, name, duration_minutes, buffer_minutes, active, created_at, updated_at)
           SELECT $1, id, $3, $4, $5, $6, $7, $7 FROM doctors WHERE id = $2 RETURNING *`,
          [newId(), doctorId, name, durationMinutes, bufferMinutes, active, now],
        );
        return rows.rows[0] ? toVisitType(rows.rows[0]) : null;
      }),

    list: (doctorId) =>
      sqlCall(async () => {
        if (!isSqlId(doctorId)) return [];
        const rows = await db.query<VisitTypeRow>('SELECT * FROM visit_types WHERE doctor_id = $1 ORDER BY name, id', [doctorId]);
        return rows.rows.map(toVisitType);
      }),

    get: (id) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return null;
        const rows = await db.query<VisitTypeRow>('SELECT * FROM visit_types WHERE id = $1', [id]);
        return rows.rows[0] ? toVisitType(rows.rows[0]) : null;
      }),

    update: (id, changes) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return null;
        const rows = await db.query<VisitTypeRow>(UPDATE, [
          id,
          changes.name ?? null,
          changes.durationMinutes ?? null,
          changes.bufferMinutes ?? null,
          changes.active ?? null,
          new Date(),
        ]);
        return rows.rows[0] ? toVisitType(rows.rows[0]) : null;
      }),

    remove: (id) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return null;
        const rows = await db.query<{ deleted: number; deactivated: number }>(REMOVE, [id, new Date()]).catch(async (error: unknown) => {
          // A booking that named the type committed while the delete waited for it: keep the type.
          if ((error as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw error;
          await db.query('UPDATE visit_types SET active = false, updated_at = $2 WHERE id = $1', [id, new Date()]);
          return { rows: [{ deleted: 0, deactivated: 1 }] };
        });
        const row = rows.rows[0];
        return row?.deleted ? 'deleted' : row?.deactivated ? 'deactivated' : null;
      }),
  };
}
