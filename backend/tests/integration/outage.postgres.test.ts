import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { createPostgresDatabase, isPostgresReachable } from '../helpers/engines.js';
import { outageProxy } from '../helpers/outage-proxy.js';
import { freePort } from '../helpers/processes.js';
import { apiClient, testApp } from '../helpers/http.js';

const reachable = await isPostgresReachable();
if (!reachable) process.stdout.write('skipped: database outage test (no PostgreSQL server)\n');

describe.runIf(reachable)('when PostgreSQL goes away and comes back', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let proxy: ReturnType<typeof outageProxy>;
  let store: Store;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    const port = await freePort();
    proxy = outageProxy(port);
    await proxy.up();
    const url = new URL(database.url);
    url.host = `127.0.0.1:${port}`;
    store = await openStore({ databaseUrl: url.toString(), dataDir: '' });
    api = apiClient(testApp(store));
  });

  afterAll(async () => {
    await store?.close();
    await proxy?.down();
    await database?.drop();
  });

  it('answers 503 fast during the outage, writes nothing half-way, and recovers on its own', async () => {
    const doctor = await api.doctor();
    expect((await api.http.get('/health')).status).toBe(200);

    await proxy.down();
    const started = Date.now();
    const health = await api.http.get('/health');
    const write = await api.http.post('/api/patients').send({ name: 'During Outage', email: 'outage@example.org' });
    expect([health.status, health.body.error.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect([write.status, write.body.error.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect(JSON.stringify(write.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|5432/);
    expect(Date.now() - started).toBeLessThan(8_000);

    await proxy.up();
    expect((await api.http.get('/health')).status).toBe(200);
    expect((await api.http.get(`/api/doctors/${doctor.id}`)).status).toBe(200);
    const patients = await api.http.get('/api/patients?q=outage@example.org');
    expect(patients.body.meta.total).toBe(0);
  });
});
