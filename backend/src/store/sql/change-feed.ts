import { randomUUID } from 'node:crypto';
import type { DayCache, DayChange } from './day-cache.js';
import type { SqlDatabase } from './db.js';

const CHANGES_CHANNEL = 'clinic_day_changes';
// PostgreSQL refuses a NOTIFY payload of 8000 bytes or more.
const MAX_PAYLOAD = 7000;
// The notice is worth nothing after a crash, so its own little transaction need not wait for the
// disk; that keeps it from queueing behind the bookings' commits.
const NOTIFY = `SELECT pg_notify($1, $2), set_config('synchronous_commit', 'off', true)`;
const EVERYTHING = '*';
const ECHO = '?';
// What other processes may lag behind this one's writes, beyond the notice's own travel.
const NOTIFY_GAP_MS = 10;
// How often this process checks that notices still reach it, and how long it waits for one.
const ECHO_EVERY_MS = 5000;
const ECHO_WITHIN_MS = 3000;

export type Change = DayChange | 'everything';

export type ChangeFeed = {
  /** Call after a write has committed (or failed with an unknown outcome). */
  changed(change: Change): void;
  /** Calls `listener` after every change, this process's or another's; answers how to stop. */
  subscribe(listener: () => void): () => void;
  /** Sends what is still queued; the database is closed after this. */
  close(): Promise<void>;
};

const encode = (change: Change) => {
  if (change === 'everything') return EVERYTHING;
  const { doctorId, start, end } = change;
  return start && end ? `${doctorId},${start.getTime()},${end.getTime()}` : doctorId;
};

const apply = (cache: DayCache, change: Change) => (change === 'everything' ? cache.clear() : cache.change(change));

/**
 * Items are `doctorId`, `doctorId,startMs,endMs` or `*`. Anything else, such as an operator's bare
 * `NOTIFY clinic_day_changes` after editing rows by hand, clears everything: the safe reading.
 */
function decode(item: string): Change {
  const [doctorId, start, end, ...rest] = item.split(',');
  if (!doctorId || doctorId === EVERYTHING || rest.length > 0) return 'everything';
  if (start === undefined && end === undefined) return { doctorId };
  const [from, to] = [Number(start), Number(end)];
  return Number.isFinite(from) && Number.isFinite(to) ? { doctorId, start: new Date(from), end: new Date(to) } : 'everything';
}

/** `<origin> <item>;<item>...`, cut so that each payload stays under PostgreSQL's limit. */
function payloads(origin: string, items: string[]): string[] {
  const result: string[] = [];
  let current: string[] = [];
  let size = origin.length + 1;
  for (const item of items) {
    if (current.length > 0 && size + item.length + 1 > MAX_PAYLOAD) {
      result.push(`${origin} ${current.join(';')}`);
      current = [];
      size = origin.length + 1;
    }
    current.push(item);
    size += item.length + 1;
  }
  if (current.length > 0) result.push(`${origin} ${current.join(';')}`);
  return result;
}

/**
 * Keeps the day cache true to every write. This process's own writes reach it at once, before the
 * write's caller hears back. Where other processes can share the database (PostgreSQL), each
 * write is also announced with NOTIFY after it commits, and theirs arrive through LISTEN.
 * The cache serves only while this process has lately heard its own echo: a notice it sends the
 * way other processes' notices come (through the pool and the server) and must receive back on
 * its LISTEN connection. A broken or silent connection, or a pooler that drops notices, stops
 * the echo, and the cache empties and waits for the next one. PGlite has one process, so the
 * local half is all it needs.
 */
export async function changeFeed(db: SqlDatabase, cache: DayCache): Promise<ChangeFeed> {
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  const noticed = () => listeners.forEach((listener) => listener());
  if (!db.listen) {
    return {
      changed: (change) => {
        apply(cache, change);
        noticed();
      },
      subscribe,
      close: async () => undefined,
    };
  }

  const origin = randomUUID();
  let queued: string[] = [];
  let sending: Promise<void> | undefined;
  let connected = false;
  let awaitedEcho: string | undefined;
  let firstEcho: () => void = () => undefined;

  // One NOTIFY at a time, and at most one per NOTIFY_GAP_MS: what finishes meanwhile goes out
  // together in the next one. A notice per booking batch cost a tenth of the booking rate.
  const send = async () => {
    while (queued.length > 0) {
      const items = queued;
      queued = [];
      const sent = performance.now();
      for (const payload of payloads(origin, items)) {
        // A lost notice leaves other processes' entries to age out (DayCacheOptions.ttlMs).
        await db.query(NOTIFY, [CHANGES_CHANNEL, payload]).catch(() => undefined);
      }
      const rest = NOTIFY_GAP_MS - (performance.now() - sent);
      if (queued.length > 0 && rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    }
    sending = undefined;
  };

  const askForEcho = () => {
    const token = randomUUID();
    awaitedEcho = token;
    void db.query(NOTIFY, [CHANGES_CHANNEL, `${origin} ${ECHO}${token}`]).catch(() => undefined);
    setTimeout(() => awaitedEcho === token && cache.pause(), ECHO_WITHIN_MS).unref();
  };

  const heard = (token: string) => {
    if (token !== awaitedEcho) return;
    awaitedEcho = undefined;
    firstEcho();
    if (connected) cache.resume();
  };

  cache.pause();
  const echoed = new Promise<void>((resolve) => {
    firstEcho = resolve;
    setTimeout(resolve, ECHO_WITHIN_MS).unref();
  });
  await db.listen(CHANGES_CHANNEL, {
    onNotification: (payload) => {
      const space = payload.indexOf(' ');
      const [from, body] = space > 0 ? [payload.slice(0, space), payload.slice(space + 1)] : ['', EVERYTHING];
      if (body.startsWith(ECHO)) return from === origin ? heard(body.slice(ECHO.length)) : undefined;
      if (from === origin) return;
      for (const item of body.split(';')) apply(cache, decode(item));
      noticed();
    },
    onConnected: () => {
      connected = true;
      askForEcho();
    },
    onLost: () => {
      connected = false;
      cache.pause();
    },
  });
  const echoes = setInterval(askForEcho, ECHO_EVERY_MS);
  echoes.unref();
  // Start-up waits for the first echo (or its time-out), so the first requests can be served from memory.
  await echoed;

  return {
    changed(change) {
      apply(cache, change);
      noticed();
      queued.push(encode(change));
      sending ??= send();
    },
    subscribe,
    async close() {
      clearInterval(echoes);
      await sending;
    },
  };
}
