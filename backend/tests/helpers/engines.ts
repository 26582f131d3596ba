import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

export type Engine = { name: 'pglite' | 'postgres' | 'mongodb'; open: () => Promise<OpenedStore> };
export type OpenedStore = { store: Store; url: string; cleanup: () => Promise<void> };

const inCi = process.env.CI === 'true';
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function openPgliteStore(): Promise<OpenedStore> {
  const store = await openStore({ databaseUrl: 'pglite://memory', dataDir: '' });
  return { store, url: 'pglite://memory', cleanup: () => store.close() };
}

let postgresReachable: Promise<boolean> | undefined;

/** Whether the PostgreSQL server answers; in CI a missing server is a failure, not a skip. */
export function isPostgresReachable(): Promise<boolean> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch (error) {
      if (inCi) throw new Error(`CI=true but PostgreSQL is not reachable at ${ADMIN_URL}: ${String(error)}`);
      return false;
    }
  })();
  return postgresReachable;
}

/** A fresh database per call, dropped on cleanup, so runs never see each other's rows. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `clinic_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function openPostgresStore(): Promise<OpenedStore> {
  const database = await createPostgresDatabase();
  const store = await openStore({ databaseUrl: database.url, dataDir: '' }, { poolSize: 20 });
  return {
    store,
    url: database.url,
    cleanup: async () => {
      await store.close();
      await database.drop();
    },
  };
}

function findMongod(): string | undefined {
  if (process.env.MONGOMS_SYSTEM_BINARY) return process.env.MONGOMS_SYSTEM_BINARY;
  try {
    return execFileSync('which', ['mongod'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** TEST_MONGODB_URI, or a one-node replica set started from a mongod binary on this machine. */
export function mongoAvailable(): boolean {
  return Boolean(process.env.TEST_MONGODB_URI || findMongod());
}

export async function openMongoStore(): Promise<OpenedStore> {
  const database = `clinic_test_${randomBytes(6).toString('hex')}`;
  if (process.env.TEST_MONGODB_URI) {
    const url = new URL(process.env.TEST_MONGODB_URI);
    url.pathname = `/${database}`;
    const store = await openStore({ mongodbUri: url.toString(), dataDir: '' });
    return { store, url: url.toString(), cleanup: () => store.close() };
  }
  const { MongoMemoryReplSet } = await import('mongodb-memory-server');
  const replSet = await MongoMemoryReplSet.create({
    replSet: { count: 1, storageEngine: 'wiredTiger' },
    binary: { systemBinary: findMongod() },
  });
  const url = replSet.getUri(database);
  const store = await openStore({ mongodbUri: url, dataDir: '' });
  return {
    store,
    url,
    cleanup: async () => {
      await store.close();
      await replSet.stop();
    },
  };
}

/** Every engine this machine can run, with one plain line for each that it cannot. */
export async function availableEngines(): Promise<Engine[]> {
  const engines: Engine[] = [{ name: 'pglite', open: openPgliteStore }];
  if (await isPostgresReachable()) engines.push({ name: 'postgres', open: openPostgresStore });
  else process.stdout.write(`skipped: PostgreSQL contract tests (no server at ${ADMIN_URL}; set TEST_DATABASE_URL)\n`);
  if (mongoAvailable()) engines.push({ name: 'mongodb', open: openMongoStore });
  else process.stdout.write('skipped: MongoDB contract tests (no mongod; set TEST_MONGODB_URI or MONGOMS_SYSTEM_BINARY)\n');
  return engines;
}
