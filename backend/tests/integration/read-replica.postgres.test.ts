import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { createPostgresDatabase, isPostgresReachable } from '../helpers/engines.js';
import { at, futureDate } from '../helpers/factories.js';
import { apiClient, testApp } from '../helpers/http.js';
import { freePort } from '../helpers/processes.js';

const reachable = await isPostgresReachable();
if (!reachable) process.stdout.write('skipped: read-replica routing tests (no PostgreSQL server)\n');

type Database = Awaited<ReturnType<typeof createPostgresDatabase>>;

/** Copies the doctors and patients of `from` into `to`: a replica that has replayed those, and no booking yet. */
async function replicatePeople(from: string, to: string) {
  const [source, target] = [new pg.Client({ connectionString: from }), new pg.Client({ connectionString: to })];
  await Promise.all([source.connect(), target.connect()]);
  try {
    for (const table of ['doctors', 'patients']) {
      const rows = await source.query(`SELECT coalesce(jsonb_agg(t), '[]') AS rows FROM ${table} t`);
      await target.query(`INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(null::${table}, $1) ON CONFLICT DO NOTHING`, [
        JSON.stringify(rows.rows[0].rows),
      ]);
    }
  } finally {
    await Promise.all([source.end(), target.end()]);
  }
}

// The "replica" is a second database that the test fills by hand, so it can lag on purpose; the
// streaming replica of `npm run test:failover` checks the same routing against pg_auto_failover.
describe.runIf(reachable)('DATABASE_READ_URL: lists and searches read the replica, writes and the reads they decide on never do', () => {
  let primary: Database;
  let replica: Database;
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  const day = futureDate(9);

  beforeAll(async () => {
    [primary, replica] = await Promise.all([createPostgresDatabase(), createPostgresDatabase()]);
    // The replica gets the schema the way a real one would: from the same migrations.
    await (await openStore({ databaseUrl: replica.url, dataDir: '' })).close();
    store = await openStore({ databaseUrl: primary.url, databaseReadUrl: replica.url, dataDir: '' });
    api = apiClient(testApp(store));
  });

  afterAll(async () => {
    await store?.close();
    await Promise.all([primary?.drop(), replica?.drop()]);
  });

  it('lists from the lagging replica, while a booking, a get by id and availability see the primary', async () => {
    const doctor = await api.doctor();
    const patient = await api.patient();
    expect((await api.http.get('/api/doctors').query({ q: doctor.name })).body.meta.total).toBe(0);
    await replicatePeople(primary.url, replica.url);
    expect((await api.http.get('/api/doctors').query({ q: doctor.name })).body.meta.total).toBe(1);
    expect((await api.http.get('/api/patients/search').query({ q: patient.email })).body.meta.total).toBe(1);

    const booked = await api.http.post('/api/appointments').send({ doctorId: doctor.id, patientId: patient.id, start: at(day, '10:00') });
    expect(booked.status).toBe(201);
    expect((await api.http.get(`/api/appointments/${booked.body.data.id}`)).status).toBe(200);
    // The replica has not replayed the booking yet.
    const listed = await api.http.get('/api/appointments').query({ doctorId: doctor.id, date: day });
    expect([listed.status, listed.body.meta.total]).toEqual([200, 0]);
    const slots = await api.http.get('/api/availability').query({ doctorId: doctor.id, date: day });
    expect(slots.body.data.slots.map((slot: { start: string }) => slot.start)).not.toContain(at(day, '10:00'));
  });

  it('turns a slot that still looks free on the replica into a clean 409, with one BOOKED row', async () => {
    const doctor = await api.doctor();
    const [first, second] = [await api.patient(), await api.patient()];
    await replicatePeople(primary.url, replica.url);
    const start = at(day, '11:00');
    expect((await api.http.post('/api/appointments').send({ doctorId: doctor.id, patientId: first.id, start })).status).toBe(201);
    expect((await api.http.get('/api/appointments').query({ doctorId: doctor.id, date: day })).body.meta.total).toBe(0);

    const late = await api.http.post('/api/appointments').send({ doctorId: doctor.id, patientId: second.id, start });
    expect([late.status, late.body.error.code]).toEqual([409, 'BOOKING_CONFLICT']);
    const sql = new pg.Client({ connectionString: primary.url });
    await sql.connect();
    const rows = await sql.query(`SELECT count(*)::int AS n FROM appointments WHERE doctor_id = $1 AND status = 'BOOKED'`, [doctor.id]);
    await sql.end();
    expect(rows.rows[0].n).toBe(1);
  });

  it('reads from the primary while the replica cannot be reached', async () => {
    const deadPort = await freePort();
    const url = new URL(primary.url);
    const unreachable = new URL(replica.url);
    unreachable.host = `127.0.0.1:${deadPort}`;
    const alone = await openStore({ databaseUrl: url.toString(), databaseReadUrl: unreachable.toString(), dataDir: '' });
    try {
      const solo = apiClient(testApp(alone));
      const doctor = await solo.doctor();
      const listed = await solo.http.get('/api/doctors').query({ q: doctor.name });
      expect([listed.status, listed.body.meta.total]).toEqual([200, 1]);
    } finally {
      await alone.close();
    }
  });
});
