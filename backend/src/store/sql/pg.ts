import pg from 'pg';
import { ServiceUnavailableError } from '../../errors.js';
import type { SqlClient, SqlDatabase } from './db.js';
import { isServerLost } from './errors.js';
import { parsePostgresUrl } from './pg-hosts.js';
import { pgListener } from './pg-listener.js';
import { serverPool, type ServerPool } from './pg-server.js';

// Hand back DATE columns as 'YYYY-MM-DD' text: a date of birth has no time zone to shift.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

// Named statements are parsed and planned once per connection instead of on every call: that cut
// PostgreSQL's CPU per booking by about a fifth when measured. The SQL is a fixed set, so the map
// stays small; the bound only guards against a text built per request.
const MAX_NAMED_STATEMENTS = 500;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  const known = statementNames.get(text);
  if (known || statementNames.size >= MAX_NAMED_STATEMENTS) return known;
  const name = `s${statementNames.size + 1}`;
  statementNames.set(text, name);
  return name;
}

type Connection = pg.Pool | pg.PoolClient;

const ignoreError = () => undefined;

async function run<Row>(target: Connection, text: string, params?: unknown[]) {
  const name = params?.length ? statementName(text) : undefined;
  return { rows: (await target.query({ name, text, values: params })).rows as Row[] };
}

function clientOf(target: Connection): SqlClient {
  return {
    query: <Row>(text: string, params?: unknown[]) => run<Row>(target, text, params),
    exec: async (script: string) => {
      await target.query(script);
    },
  };
}

/** Queries on whichever server `servers` has chosen, reporting each failure back to it. */
function serverClient(servers: ServerPool): SqlClient {
  const onServer = async <T>(work: (pool: pg.Pool) => Promise<T>) => {
    const pool = await servers.acquire();
    try {
      return await work(pool);
    } catch (error) {
      servers.failed(pool, error);
      throw error;
    }
  };
  return {
    query: <Row>(text: string, params?: unknown[]) => onServer((pool) => run<Row>(pool, text, params)),
    exec: (script: string) => onServer(async (pool) => void (await pool.query(script))),
  };
}

/**
 * Reads that may be a little stale go to the replica while it is reachable; while it is not,
 * or when it fails mid-query, they go to the primary instead of failing.
 */
function replicaClient(replica: ServerPool, primary: SqlClient): SqlClient {
  const client = serverClient(replica);
  return {
    query: async <Row>(text: string, params?: unknown[]) => {
      if (!replica.available()) {
        // Starts (or continues) looking for it in the background; this read does not wait.
        void replica.acquire().catch(() => undefined);
        return primary.query<Row>(text, params);
      }
      return client.query<Row>(text, params).catch((error: unknown) => {
        if (!isServerLost(error) && !(error instanceof ServiceUnavailableError)) throw error;
        return primary.query<Row>(text, params);
      });
    },
    exec: (script) => primary.exec(script),
  };
}

const poolConfig = (max: number) => ({
  max,
  // Fail fast with a 503 rather than queueing requests behind a dead server.
  connectionTimeoutMillis: 3000,
  idleTimeoutMillis: 30000,
});

/**
 * `url` may list several hosts (libpq's form); the pool then follows the writable primary among
 * them. `readUrl`, when given, names a replica for reads that may lag (see SqlDatabase.reader).
 */
export async function openPostgres(url: string, options: { max?: number; readUrl?: string } = {}): Promise<SqlDatabase> {
  const max = options.max ?? 10;
  const servers = serverPool(parsePostgresUrl(url), poolConfig(max));
  const replica = options.readUrl ? serverPool({ ...parsePostgresUrl(options.readUrl), writable: false }, poolConfig(max)) : undefined;
  try {
    // Start-up needs a server: the migrations run next. The replica may come later.
    await Promise.all([servers.acquire(), replica?.acquire().catch(() => undefined)]);
  } catch (error) {
    await Promise.all([servers.close(), replica?.close()]);
    throw error;
  }
  const listeners: Array<{ close: () => Promise<void> }> = [];
  const primary = serverClient(servers);
  return {
    kind: 'postgres',
    ...primary,
    reader: replica ? replicaClient(replica, primary) : undefined,
    transaction: async (fn) => {
      const pool = await servers.acquire();
      let client: pg.PoolClient | undefined;
      let broken = false;
      try {
        client = await pool.connect();
        // Checked out, the client has no listener for a connection lost between two queries of
        // this transaction, and an unheard 'error' event ends the process; the next query reports it.
        client.on('error', ignoreError);
        await client.query('BEGIN');
        const result = await fn(clientOf(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        servers.failed(pool, error);
        // A connection that lost its server is closed, not handed to the next transaction.
        broken = isServerLost(error);
        if (!broken) await client?.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client?.off('error', ignoreError);
        client?.release(broken);
      }
    },
    listen: async (channel, listener) => {
      listeners.push(await pgListener(servers, channel, listener));
    },
    close: async () => {
      await Promise.all([servers.close(), replica?.close(), ...listeners.map((listening) => listening.close())]);
    },
  };
}
