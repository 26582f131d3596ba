import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_EXTENSIONS } from '../../src/store/sql/pglite.js';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { backupPglite, backupPostgres, dumpPglite, restorePglite, restorePostgres, tableSums } from '../../scripts/backup/snapshot.js';
import { openStore } from '../../src/store/open-store.js';
import type { SqlClient } from '../../src/store/sql/db.js';
import { pgliteDatabase } from '../../src/store/sql/pglite.js';
import { createSqlStore } from '../../src/store/sql/sql-store.js';
import type { Store } from '../../src/store/store.js';
import { createPostgresDatabase, isPostgresReachable } from '../helpers/engines.js';
import { futureDate } from '../helpers/factories.js';
import { apiClient, testApp } from '../helpers/http.js';

const reachable = await isPostgresReachable();
if (!reachable) process.stdout.write('skipped: PostgreSQL backup round trips (no PostgreSQL server)\n');

// Each PGlite open costs seconds, and a round trip opens three.
const SLOW = 120_000;

const dir = mkdtempSync(path.join(tmpdir(), 'clinic-backup-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OVERLAPS = `SELECT count(*)::int AS n FROM appointments a JOIN appointments b ON a.id < b.id
  WHERE a.status = 'BOOKED' AND b.status = 'BOOKED' AND (a.doctor_id = b.doctor_id OR a.patient_id = b.patient_id)
    AND tstzrange(a.start_at, a.end_at, '[)') && tstzrange(b.start_at, b.end_at, '[)')`;

/** Doctors, patients, and `count` bookings in distinct slots (so nearly all get 201), some cancelled. */
async function fill(store: Store, count: number) {
  const api = apiClient(testApp(store));
  const doctors = await Promise.all(Array.from({ length: 4 }, () => api.doctor()));
  const patients = await Promise.all(Array.from({ length: 40 }, () => api.patient()));
  const book = (i: number) => {
    const slot = Math.floor(i / 4) % 16;
    const start = `${futureDate(2 + Math.floor(i / 64))}T${String(9 + Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}:00.000Z`;
    return api.http
      .post('/api/appointments')
      .set('Idempotency-Key', `fill-${i}-${start}-${doctors[0]!.id}`)
      .send({ doctorId: doctors[i % 4]!.id, patientId: patients[i % 40]!.id, start });
  };
  return { api, book, initial: await Promise.all(Array.from({ length: count }, (_, i) => book(i))) };
}

const rowsById = async (db: SqlClient) =>
  new Map(
    (await db.query<{ id: string; row: string }>('SELECT id::text, t::text AS row FROM appointments t')).rows.map((r) => [r.id, r.row]),
  );

/** A snapshot taken under writes holds some prefix of them: each row it has is the source's row, and nothing overlaps. */
async function expectConsistentSubset(source: SqlClient, restored: SqlClient, before: number) {
  const [all, kept] = [await rowsById(source), await rowsById(restored)];
  expect(kept.size).toBeGreaterThanOrEqual(before);
  expect(kept.size).toBeLessThanOrEqual(all.size);
  for (const [id, row] of kept) expect(all.get(id)).toBe(row);
  expect((await restored.query<{ n: number }>(OVERLAPS)).rows[0]!.n).toBe(0);
}

const pgClient = (url: string): SqlClient & { end: () => Promise<void> } => {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  return {
    query: async <Row>(text: string, params?: unknown[]) => (await connected, { rows: (await client.query(text, params)).rows as Row[] }),
    exec: async (script: string) => void (await connected, await client.query(script)),
    end: () => client.end(),
  };
};

describe('PGlite backup and restore', () => {
  it(
    'restores identical rows and checksums into an empty directory, and the API starts on it',
    async () => {
      const source = path.join(dir, 'pglite-source');
      const store = await openStore({ databaseUrl: `pglite://${source}`, dataDir: '' });
      const { api, initial } = await fill(store, 60);
      await api.http.post(`/api/appointments/${initial[0]!.body.data.id}/cancel`).send({ reason: 'test' });
      await store.close();

      const file = path.join(dir, 'pglite.tar.gz');
      const backedUp = await backupPglite(source, file);
      expect(backedUp.appointments!.rows).toBeGreaterThanOrEqual(55);
      const target = path.join(dir, 'pglite-restored');
      expect(await restorePglite(file, target)).toEqual(backedUp);
      await expect(restorePglite(file, target)).rejects.toThrow(/not empty/);

      const restored = await openStore({ databaseUrl: `pglite://${target}`, dataDir: '' });
      try {
        const restoredApi = apiClient(testApp(restored));
        expect((await restoredApi.http.get('/health')).status).toBe(200);
        expect((await restoredApi.http.get('/api/appointments?limit=1')).body.meta.total).toBe(backedUp.appointments!.rows);
      } finally {
        await restored.close();
      }
    },
    SLOW,
  );

  it(
    'takes a consistent dump while bookings are being written',
    async () => {
      const raw = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
      const store = await createSqlStore(pgliteDatabase(raw));
      const { book } = await fill(store, 20);
      const before = (await tableSums(pgliteDatabase(raw))).appointments!.rows;
      const file = path.join(dir, 'pglite-busy.tar.gz');
      const writes = Promise.all(Array.from({ length: 150 }, (_, i) => book(20 + i)));
      await dumpPglite(raw, file);
      await writes;
      const target = path.join(dir, 'pglite-busy-restored');
      await restorePglite(file, target);
      const restored = await PGlite.create({ dataDir: target, extensions: PGLITE_EXTENSIONS });
      try {
        await expectConsistentSubset(pgliteDatabase(raw), pgliteDatabase(restored), before);
      } finally {
        await restored.close();
        await store.close();
      }
    },
    SLOW,
  );
});

describe.runIf(reachable)('PostgreSQL backup (pg_dump) and restore (pg_restore)', () => {
  const databases: Array<Awaited<ReturnType<typeof createPostgresDatabase>>> = [];
  const database = async () => {
    const created = await createPostgresDatabase();
    databases.push(created);
    return created;
  };
  afterAll(async () => {
    await Promise.all(databases.map((created) => created.drop()));
  });

  it(
    'restores identical rows and checksums into an empty database, refuses a non-empty one, and the API starts on it',
    async () => {
      const source = await database();
      const store = await openStore({ databaseUrl: source.url, dataDir: '' });
      await fill(store, 60);
      await store.close();
      const file = path.join(dir, 'postgres.dump');
      await backupPostgres(source.url, file);

      const target = await database();
      const [from, to] = [pgClient(source.url), pgClient(target.url)];
      try {
        await restorePostgres(file, target.url, async () => Object.keys(await tableSums(to)).length === 0);
        expect(await tableSums(to)).toEqual(await tableSums(from));
        await expect(restorePostgres(file, target.url, async () => Object.keys(await tableSums(to)).length === 0)).rejects.toThrow(/empty/);
      } finally {
        await Promise.all([from.end(), to.end()]);
      }
      const restored = await openStore({ databaseUrl: target.url, dataDir: '' });
      try {
        expect((await apiClient(testApp(restored)).http.get('/health')).status).toBe(200);
      } finally {
        await restored.close();
      }
    },
    SLOW,
  );

  it(
    'takes one consistent snapshot while bookings go on',
    async () => {
      const source = await database();
      const store = await openStore({ databaseUrl: source.url, dataDir: '' }, { poolSize: 10 });
      const { book } = await fill(store, 20);
      const [from, to] = [pgClient(source.url), pgClient((await database()).url)];
      try {
        const before = (await tableSums(from)).appointments!.rows;
        const file = path.join(dir, 'postgres-busy.dump');
        const writes = Promise.all(Array.from({ length: 300 }, (_, i) => book(20 + i)));
        await backupPostgres(source.url, file);
        await writes;
        await restorePostgres(file, databases[databases.length - 1]!.url, async () => true);
        await expectConsistentSubset(from, to, before);
      } finally {
        await Promise.all([from.end(), to.end(), store.close()]);
      }
    },
    SLOW,
  );
});
