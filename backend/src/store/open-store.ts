import path from 'node:path';
import type { Store } from './store.js';

export type StoreTarget = { databaseUrl?: string; databaseReadUrl?: string; mongodbUri?: string; dataDir: string };

/** Which engine a configuration names: MongoDB if asked for, else the SQL URL, else embedded PGlite. */
export function describeTarget(target: StoreTarget): { engine: Store['kind']; url: string } {
  if (target.mongodbUri) return { engine: 'mongodb', url: target.mongodbUri };
  const url = target.databaseUrl ?? `pglite://${path.resolve(target.dataDir)}`;
  if (/^postgres(ql)?:\/\//.test(url)) return { engine: 'postgres', url };
  if (url.startsWith('pglite://')) return { engine: 'pglite', url };
  throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or pglite:// (got "${url.split(':')[0]}:")`);
}

/** Names a target for people: its engine and where it lives, with any password masked. */
export function describeStore({ engine, url }: ReturnType<typeof describeTarget>): string {
  if (engine === 'pglite') return url === 'pglite://memory' ? 'PGlite in memory' : `PGlite in ${url.slice('pglite://'.length)}`;
  const where = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return `${engine === 'postgres' ? 'PostgreSQL' : 'MongoDB'} at ${where}`;
}

// Adapters load lazily so an embedded start never pays for Mongoose, and the reverse.
export async function openStore(target: StoreTarget, options: { poolSize?: number } = {}): Promise<Store> {
  const { engine, url } = describeTarget(target);
  if (engine === 'mongodb') {
    const { openMongoStore } = await import('./mongo/mongo-store.js');
    return openMongoStore(url);
  }
  const { createSqlStore } = await import('./sql/sql-store.js');
  if (engine === 'postgres') {
    const { openPostgres } = await import('./sql/pg.js');
    return createSqlStore(await openPostgres(url, { max: options.poolSize, readUrl: target.databaseReadUrl }));
  }
  const { openPglite } = await import('./sql/pglite.js');
  return createSqlStore(await openPglite(url));
}
