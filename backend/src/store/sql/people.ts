import type { DoctorRepository, PatientRepository } from '../store.js';
import type { ChangeFeed } from './change-feed.js';
import type { SqlClient, SqlDatabase } from './db.js';
import { writeWithAudit } from './audit.js';
import { isSqlId, likePattern, toDoctor, toPatient, type DoctorRow, type PatientRow } from './rows.js';
import { sqlCall } from './errors.js';
import { newId } from './ids.js';
import { searchPatients } from './patient-search.js';

const DOCTOR_COLUMNS: Record<string, string> = {
  name: 'name',
  specialty: 'specialty',
  email: 'email',
  phone: 'phone',
  slotMinutes: 'slot_minutes',
  schedule: 'schedule',
};

const PATIENT_COLUMNS: Record<string, string> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  dateOfBirth: 'date_of_birth',
};

/** Builds `SET a = $2, b = $3` from the fields present; the column map keeps names out of user input. */
function setClause(changes: Record<string, unknown>, columns: Record<string, string>) {
  const entries = Object.entries(changes).filter(([field, value]) => value !== undefined && columns[field]);
  const assignments = entries.map(([field], index) => `${columns[field]} = $${index + 3}`);
  const values = entries.map(([field, value]) => (field === 'schedule' && value !== null ? JSON.stringify(value) : value));
  return { assignments, values };
}

async function updateRow<Row>(db: SqlClient, table: string, id: string, changes: Record<string, unknown>, columns: Record<string, string>) {
  if (!isSqlId(id)) return null;
  const { assignments, values } = setClause(changes, columns);
  // Strictly later than before, even within one millisecond: bookings check it as a version.
  const sets = [`updated_at = GREATEST($2, date_trunc('milliseconds', updated_at) + interval '1 millisecond')`, ...assignments].join(', ');
  const result = await db.query<Row>(`UPDATE ${table} SET ${sets} WHERE id = $1 RETURNING *`, [id, new Date(), ...values]);
  return result.rows[0] ?? null;
}

async function page<Row>(db: SqlClient, table: string, where: string, params: unknown[], order: string, limit: number, offset: number) {
  const n = params.length;
  const [rows, count] = await Promise.all([
    db.query<Row>(`SELECT * FROM ${table} WHERE ${where} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`, [...params, limit, offset]),
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM ${table} WHERE ${where}`, params),
  ]);
  return { rows: rows.rows, total: count.rows[0]?.total ?? 0 };
}

export function sqlDoctors(db: SqlDatabase, feed: ChangeFeed): DoctorRepository {
  return {
    create: (input) =>
      sqlCall(async () => {
        const now = new Date();
        const result = await db.query<DoctorRow>(
          `INSERT INTO doctors (id, name, specialty, email, phone, slot_minutes, schedule, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING *`,
          [
            newId(),
            input.name,
            input.specialty,
            input.email,
            input.phone,
            input.slotMinutes,
            input.schedule && JSON.stringify(input.schedule),
            now,
          ],
        );
        return toDoctor(result.rows[0]!);
      }),
    rotateCalendarKey: (id) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return null;
        // The key is not a version the bookings check: updated_at stays as it is.
        const result = await db.query<DoctorRow>(
          `UPDATE doctors SET calendar_key = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') WHERE id = $1 RETURNING *`,
          [id],
        );
        const row = result.rows[0];
        if (row) feed.changed({ doctorId: row.id });
        return row ? toDoctor(row) : null;
      }),
    get: (id) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return null;
        const result = await db.query<DoctorRow>('SELECT * FROM doctors WHERE id = $1', [id]);
        return result.rows[0] ? toDoctor(result.rows[0]) : null;
      }),
    update: (id, changes) =>
      sqlCall(async () => {
        // Schedule and slot length shape every day of the doctor's availability; an update that
        // failed on the way back may still have committed.
        const row = await updateRow<DoctorRow>(db, 'doctors', id, changes, DOCTOR_COLUMNS).catch((error: unknown) => {
          feed.changed({ doctorId: id });
          throw error;
        });
        if (row) feed.changed({ doctorId: row.id });
        return row ? toDoctor(row) : null;
      }),
    list: ({ specialty, q, limit, offset }) =>
      sqlCall(async () => {
        const where = '($1::text IS NULL OR lower(specialty) = lower($1)) AND ($2::text IS NULL OR name ILIKE $2)';
        const params = [specialty ?? null, q ? likePattern(q) : null];
        const { rows, total } = await page<DoctorRow>(db.reader ?? db, 'doctors', where, params, 'name, id', limit, offset);
        return { items: rows.map(toDoctor), total };
      }),
  };
}

export function sqlPatients(db: SqlDatabase): PatientRepository {
  return {
    create: (input, audit) =>
      sqlCall(() =>
        writeWithAudit(
          db,
          audit,
          async (client) => {
            const result = await client.query<PatientRow>(
              `INSERT INTO patients (id, name, email, phone, date_of_birth, created_at, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING *`,
              [newId(), input.name, input.email, input.phone, input.dateOfBirth, new Date()],
            );
            return toPatient(result.rows[0]!);
          },
          (patient) => patient.id,
        ),
      ),
    get: (id) =>
      sqlCall(async () => {
        if (!isSqlId(id)) return null;
        const result = await db.query<PatientRow>('SELECT * FROM patients WHERE id = $1', [id]);
        return result.rows[0] ? toPatient(result.rows[0]) : null;
      }),
    update: (id, changes, audit) =>
      sqlCall(() =>
        writeWithAudit(
          db,
          audit,
          async (client) => {
            const row = await updateRow<PatientRow>(client, 'patients', id, changes, PATIENT_COLUMNS);
            return row ? toPatient(row) : null;
          },
          (patient) => patient?.id,
        ),
      ),
    list: ({ q, limit, offset }) =>
      sqlCall(async () => {
        if (q) return searchPatients(db.reader ?? db, q, { limit, offset });
        const { rows, total } = await page<PatientRow>(db.reader ?? db, 'patients', 'true', [], 'name, id', limit, offset);
        return { items: rows.map(toPatient), total };
      }),
  };
}
