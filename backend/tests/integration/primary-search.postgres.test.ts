import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { createPostgresDatabase, isPostgresReachable } from '../helpers/engines.js';
import { at, futureDate } from '../helpers/factories.js';
import { apiClient, testApp } from '../helpers/http.js';
import { freePort } from '../helpers/processes.js';

const reachable = await isPostgresReachable();
if (!reachable) process.stdout.write('skipped: multi-host primary search tests (no PostgreSQL server)\n');

// A database whose new sessions are read-only stands in for a standby (or a promoted node that
// does not take writes yet); terminating its sessions stands in for the restart of a demotion.
describe.runIf(reachable)('a DATABASE_URL listing several hosts', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let admin: pg.Client;
  let store: Store;
  let api: ReturnType<typeof apiClient>;
  let name: string;

  const demote = async (readOnly: boolean) => {
    await admin.query(`ALTER DATABASE ${name} SET default_transaction_read_only = ${readOnly ? 'on' : 'off'}`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
  };

  beforeAll(async () => {
    database = await createPostgresDatabase();
    name = new URL(database.url).pathname.slice(1);
    admin = new pg.Client({ connectionString: database.url.replace(`/${name}`, '/postgres') });
    await admin.connect();
    // The first listed host has nothing listening: a dead node.
    const dead = await freePort();
    const url = new URL(database.url);
    const multiHost = `postgres://postgres@127.0.0.1:${dead},${url.host}/${name}?target_session_attrs=read-write`;
    store = await openStore({ databaseUrl: multiHost, dataDir: '' });
    api = apiClient(testApp(store));
  });

  afterAll(async () => {
    await store?.close();
    await admin?.query(`ALTER DATABASE ${name} RESET default_transaction_read_only`).catch(() => undefined);
    await admin?.end();
    await database?.drop();
  });

  it('connects to the host that takes writes, past one that is down', async () => {
    const doctor = await api.doctor();
    expect((await api.http.get(`/api/doctors/${doctor.id}`)).status).toBe(200);
  });

  it('answers 503 within a few seconds while no listed host takes writes, and recovers on its own', async () => {
    const doctor = await api.doctor();
    const patient = await api.patient();
    await demote(true);

    const started = Date.now();
    const write = await api.http
      .post('/api/appointments')
      .send({ doctorId: doctor.id, patientId: patient.id, start: at(futureDate(6), '10:00') });
    const read = await api.http.get('/api/doctors');
    const health = await api.http.get('/health');
    expect([write.status, write.body.error.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect([read.status, health.status]).toEqual([503, 503]);
    expect(Date.now() - started).toBeLessThan(8_000);

    await demote(false);
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline && status !== 201) {
      const retry = await api.http
        .post('/api/appointments')
        .send({ doctorId: doctor.id, patientId: patient.id, start: at(futureDate(6), '10:00') });
      status = retry.status;
      if (status !== 201) expect(status).toBe(503);
    }
    expect(status).toBe(201);
  });
});
