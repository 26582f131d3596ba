import pg from 'pg';
import { ServiceUnavailableError } from '../../errors.js';
import { isServerLost } from './errors.js';
import type { PostgresTarget } from './pg-hosts.js';

// A request waits this long for a usable server to be found before it is answered with 503; well
// inside any client's timeout, so a failover reads as quick 503s, never as hanging requests.
const WAIT_FOR_SERVER_MS = 2_000;
const PROBE_TIMEOUT_MS = 2_000;
const SEARCH_PAUSE_MS = 250;
// How often the chosen server is asked whether it still takes writes, and how long an answer may take.
const CHECK_EVERY_MS = 1_000;
const CHECK_WITHIN_MS = 5_000;

export type ServerPool = {
  /** The pool of the chosen server; waits up to WAIT_FOR_SERVER_MS for one, then throws a 503. */
  acquire(): Promise<pg.Pool>;
  /** Reports an error met on `pool`: one that says the server is gone or demoted drops it. */
  failed(pool: pg.Pool, error: unknown): void;
  /** The chosen server's URL, waiting like acquire. */
  currentUrl(): Promise<string>;
  /** Whether a server is chosen right now. */
  available(): boolean;
  /** Called each time the chosen server is dropped. */
  onDropped(handler: () => void): void;
  close(): Promise<void>;
};

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

async function isWritable(client: pg.Client): Promise<boolean> {
  const result = await client.query<{ transaction_read_only: string }>('SHOW transaction_read_only');
  return result.rows[0]?.transaction_read_only === 'off';
}

/**
 * Keeps a pg.Pool on one of the target's hosts: for a writable target, the one whose sessions are
 * not read-only (the test libpq's target_session_attrs=read-write makes; a standby being promoted
 * answers pg_is_in_recovery() = false a while before it takes writes). The chosen server is
 * dropped when a query reports it gone or read-only, or when a dedicated connection that asks
 * it every second stops hearing "writable"; the hosts are then tried again until one qualifies.
 */
export function serverPool(target: PostgresTarget, config: Omit<pg.PoolConfig, 'connectionString'>): ServerPool {
  let current: { url: string; pool: pg.Pool; checker: pg.Client } | undefined;
  let searching: Promise<void> | undefined;
  let closed = false;
  const dropped: Array<() => void> = [];

  // A client that connected and qualified; the caller owns it.
  const probe = async (url: string): Promise<{ url: string; client: pg.Client }> => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS, keepAlive: true });
    client.on('error', () => undefined);
    try {
      await client.connect();
      if (target.writable && !(await isWritable(client))) throw new Error(`${url} is read-only`);
      return { url, client };
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  };

  const drop = (chosen: NonNullable<typeof current>) => {
    if (current !== chosen) return;
    current = undefined;
    void chosen.pool.end().catch(() => undefined);
    void chosen.checker.end().catch(() => undefined);
    for (const handler of dropped) handler();
    void search();
  };

  const install = (url: string, checker: pg.Client) => {
    const pool = new pg.Pool({ ...config, connectionString: url, keepAlive: true });
    // An idle client losing its server must not crash the process; the checker notices the loss.
    pool.on('error', () => undefined);
    const chosen = { url, pool, checker };
    current = chosen;
    checker.on('error', () => drop(chosen));
    checker.on('end', () => drop(chosen));
    void watch(chosen);
  };

  const watch = async (chosen: NonNullable<typeof current>) => {
    while (current === chosen && !closed) {
      await pause(CHECK_EVERY_MS);
      if (current !== chosen || closed) return;
      const answer = await Promise.race([
        (target.writable ? isWritable(chosen.checker) : chosen.checker.query('SELECT 1').then(() => true)).catch(() => false),
        pause(CHECK_WITHIN_MS).then(() => false),
      ]);
      if (!answer) drop(chosen);
    }
  };

  const search = () =>
    (searching ??= (async () => {
      while (!closed && !current) {
        const attempts = target.urls.map(probe);
        const found = await Promise.any(attempts).catch(() => undefined);
        const keep = found && !closed && !current ? found.client : undefined;
        // Probes answering after the winner (or after close) are not needed.
        for (const attempt of attempts)
          void attempt.then(
            ({ client }) => (client === keep ? undefined : client.end()),
            () => undefined,
          );
        if (found && keep) install(found.url, keep);
        if (!current) await pause(SEARCH_PAUSE_MS);
      }
    })().finally(() => (searching = undefined)));

  const acquire = async () => {
    if (current) return current.pool;
    if (closed) throw new ServiceUnavailableError();
    await Promise.race([search(), pause(WAIT_FOR_SERVER_MS)]);
    if (current) return (current as { pool: pg.Pool }).pool;
    throw new ServiceUnavailableError();
  };

  return {
    acquire,
    failed: (pool, error) => {
      if (current?.pool === pool && isServerLost(error)) drop(current);
    },
    currentUrl: async () => {
      await acquire();
      return current!.url;
    },
    available: () => current !== undefined,
    onDropped: (handler) => void dropped.push(handler),
    close: async () => {
      closed = true;
      const chosen = current;
      current = undefined;
      await Promise.all([chosen?.pool.end(), chosen?.checker.end().catch(() => undefined)]);
    },
  };
}
