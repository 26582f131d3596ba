/** The bench's own line to the database: create it, load it, time raw INSERTs, check invariants. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { SqlDatabase } from '../../../backend/src/store/sql/db.js';
import { openPglite } from '../../../backend/src/store/sql/pglite.js';
import { openPostgres } from '../../../backend/src/store/sql/pg.js';
import { migrate } from '../../../backend/src/store/sql/migrate.js';
import { newTokenSecret, sha256 } from '../../../backend/src/auth/secrets.js';
import { bookingSlot, PRELOAD_SLOTS_PER_DAY, type Plan } from './plan.js';

export const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type Fixtures = { doctors: string[]; patients: string[]; contentionDoctor: string; contentionPatients: string[] };
export type Target = { url: string; drop: () => Promise<void> };

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database (or PGlite directory) per run, so numbers never depend on a previous run. */
export async function createTarget(store: Plan['store']): Promise<Target> {
  if (store === 'pglite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'clinic-bench-'));
    return { url: `pglite://${dir}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `clinic_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Opens the engine through the backend's own driver and applies the backend's migrations. */
export async function openDatabase(target: Target, poolSize: number): Promise<SqlDatabase> {
  const db = target.url.startsWith('pglite://') ? await openPglite(target.url) : await openPostgres(target.url, { max: poolSize });
  await migrate(db);
  return db;
}

const ids = (count: number) => Array.from({ length: count }, () => randomUUID());

/** Doctors with one patient each, plus the contention doctor and its hundred patients, and the preload. */
export async function load(db: SqlDatabase, plan: Plan): Promise<Fixtures> {
  const doctors = ids(plan.doctors);
  const patients = ids(plan.doctors);
  const contentionDoctor = randomUUID();
  const contentionPatients = ids(plan.contentionRequests);
  const now = new Date();
  await db.query(
    `INSERT INTO doctors (id, name, specialty, slot_minutes, created_at, updated_at)
     SELECT id, 'Bench Doctor ' || n, 'General Practice', 30, $2, $2 FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [[...doctors, contentionDoctor], now],
  );
  await db.query(
    `INSERT INTO patients (id, name, email, created_at, updated_at)
     SELECT id, 'Bench Patient ' || n, 'bench-' || n || '@example.test', $2, $2 FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [[...patients, ...contentionPatients], now],
  );
  // Every other hour of each working day is taken, one in ten of those cancelled.
  await db.query(
    `INSERT INTO appointments (id, doctor_id, patient_id, start_at, end_at, status, created_at, updated_at)
     SELECT gen_random_uuid(), pair.doctor_id, pair.patient_id, s.at, s.at + interval '30 minutes',
            CASE WHEN (day + slot) % 10 = 0 THEN 'CANCELLED' ELSE 'BOOKED' END, $4, $4
     FROM unnest($1::uuid[], $2::uuid[]) AS pair(doctor_id, patient_id),
          generate_series(0, $3::int - 1) AS day, generate_series(0, ${PRELOAD_SLOTS_PER_DAY - 1}) AS slot,
          LATERAL (SELECT $5::timestamptz + day * interval '1 day' + interval '9 hours' + slot * interval '1 hour' AS at) s`,
    [doctors, patients, plan.preloadDays, now, new Date(plan.day0)],
  );
  await db.query('ANALYZE');
  return { doctors, patients, contentionDoctor, contentionPatients };
}

/** A staff integrator token for the runs, stored as the API stores one (its hash); returns the secret. */
export async function createToken(db: SqlDatabase): Promise<string> {
  const secret = newTokenSecret();
  const now = new Date();
  await db.query(`INSERT INTO api_tokens (id, name, role, token_hash, created_at, expires_at) VALUES ($1, 'bench', 'staff', $2, $3, $4)`, [
    randomUUID(),
    sha256(secret),
    now,
    new Date(now.getTime() + 86_400_000),
  ]);
  return secret;
}

// The very INSERT the API runs, minus the idempotency CTE: the floor the HTTP path is compared with.
const RAW_INSERT = `INSERT INTO appointments (id, doctor_id, patient_id, start_at, end_at, status, reason, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, 'BOOKED', $6, $7, $7)`;

/** Single-row INSERT transactions from `concurrency` loops for a fixed time; inserts per second. */
export async function rawInsertRate(db: SqlDatabase, plan: Plan, fixtures: Fixtures, seconds: number) {
  let next = 0;
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const slot = bookingSlot(plan, 'raw', next++);
      const now = new Date();
      await db
        .query(RAW_INSERT, [
          randomUUID(),
          fixtures.doctors[slot.doctor],
          fixtures.patients[slot.doctor],
          slot.start,
          slot.end,
          'bench',
          now,
        ])
        .catch(() => (errors += 1));
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: plan.connections }, loop));
  const elapsed = (performance.now() - started) / 1000;
  return { inserts: next, errors, seconds: elapsed, perSecond: (next - errors) / elapsed };
}

/** BOOKED appointments that overlap an earlier one of the same doctor or patient: must be zero. */
export async function overlapCount(db: SqlDatabase): Promise<number> {
  // One pass per column in start order: a row overlaps an earlier one exactly when it starts before
  // the latest end among the rows before it. A self-join would compare pairs, hopeless at 10M rows.
  const overlapping = async (column: 'doctor_id' | 'patient_id') => {
    const result = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT start_at, max(end_at) OVER (PARTITION BY ${column} ORDER BY start_at, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest_end
         FROM appointments WHERE status = 'BOOKED') ordered
       WHERE start_at < latest_end`,
    );
    return result.rows[0]?.n ?? 0;
  };
  return (await overlapping('doctor_id')) + (await overlapping('patient_id'));
}

/** BOOKED rows per contention slot start, as the database holds them. */
export async function bookedPerSlot(db: SqlDatabase, doctorId: string): Promise<Map<number, number>> {
  const result = await db.query<{ start_at: Date; n: number }>(
    `SELECT start_at, count(*)::int AS n FROM appointments WHERE doctor_id = $1 AND status = 'BOOKED' GROUP BY start_at`,
    [doctorId],
  );
  return new Map(result.rows.map((row) => [new Date(row.start_at).getTime(), row.n]));
}

export async function appointmentCount(db: SqlDatabase): Promise<number> {
  const result = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM appointments');
  return result.rows[0]?.n ?? 0;
}
