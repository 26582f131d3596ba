import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SqlClient, SqlDatabase } from './db.js';
import { lockDataDir } from './pglite-lock.js';

/** The PostgreSQL extensions the migrations create, which PGlite must be given when it opens. */
export const PGLITE_EXTENSIONS = { btree_gist, fuzzystrmatch, pg_trgm };

function clientOf(target: PGlite | Transaction): SqlClient {
  return {
    query: async <Row>(text: string, params?: unknown[]) => ({ rows: (await target.query<Row>(text, params)).rows }),
    exec: async (script: string) => {
      await target.exec(script);
    },
  };
}

/** `pglite://memory` keeps nothing; `pglite://<dir>` persists to that directory. */
export async function openPglite(url: string): Promise<SqlDatabase> {
  const location = url.replace(/^pglite:\/\//, '');
  const dataDir = location === 'memory' || location === '' ? undefined : location;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  const db = await PGlite.create({ dataDir, extensions: PGLITE_EXTENSIONS }).catch((error: unknown) => {
    unlock();
    throw error;
  });
  const database = pgliteDatabase(db);
  return {
    ...database,
    close: async () => {
      await database.close();
      unlock();
    },
  };
}

/** The adapter's view of a PGlite instance opened elsewhere (a backup under way holds the instance too). */
export function pgliteDatabase(db: PGlite): SqlDatabase {
  return {
    kind: 'pglite',
    ...clientOf(db),
    transaction: (fn) => db.transaction((tx) => fn(clientOf(tx))),
    close: () => db.close(),
  };
}
