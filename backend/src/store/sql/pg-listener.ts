import pg from 'pg';
import type { NotificationListener } from './db.js';
import type { ServerPool } from './pg-server.js';

const RETRY_DELAYS_MS = [100, 250, 500, 1000, 2000, 5000];

/**
 * One dedicated connection that LISTENs on `channel` (a pooled one would be handed to other
 * queries), on the server `servers` has chosen: when that server is dropped (a failover), this
 * connection is closed too and opened again on the next one. When it breaks, the listener hears
 * onLost at once, and the connection is opened again with growing pauses until it works. The
 * first connection must work: it is part of start-up.
 */
export async function pgListener(servers: ServerPool, channel: string, listener: NotificationListener) {
  let current: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let attempts = 0;
  let closed = false;

  const lost = (client: pg.Client) => {
    if (client !== current || closed) return;
    current = undefined;
    listener.onLost();
    void client.end().catch(() => undefined);
    schedule();
  };

  const open = async () => {
    const client = new pg.Client({ connectionString: await servers.currentUrl(), connectionTimeoutMillis: 3000, keepAlive: true });
    client.on('notification', (message) => listener.onNotification(message.payload ?? ''));
    client.on('error', () => lost(client));
    client.on('end', () => lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (closed) return void (await client.end());
    current = client;
    attempts = 0;
    listener.onConnected();
  };

  function schedule() {
    if (closed) return;
    const delay = RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length - 1)]!;
    attempts += 1;
    retry = setTimeout(() => void open().catch(schedule), delay);
    retry.unref();
  }

  // A demoted server may still be up, but notices sent on the new primary never reach it.
  servers.onDropped(() => current && lost(current));
  await open();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      await current?.end().catch(() => undefined);
    },
  };
}
