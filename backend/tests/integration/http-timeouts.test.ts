import { once } from 'node:events';
import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.js';
import { createHttpServer } from '../../src/runtime/http-server.js';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';
import { apiClient, TEST_ADMIN_TOKEN, testApp } from '../helpers/http.js';

// Short enough for a test, far enough apart to tell which one cut a client off.
const TIMEOUTS = { headersMs: 400, requestMs: 800, keepAliveMs: 300 };
const TRICKLE_FOR_MS = 6_000;

let opened: OpenedStore;
let server: Server;
let port: number;

beforeAll(async () => {
  opened = await openPgliteStore();
  const app = testApp(opened.store);
  // The test admin token's row is in place before a raw socket sends it.
  await apiClient(app).http.get('/api/config');
  server = createHttpServer(app, TIMEOUTS);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await opened?.cleanup();
});

type Outcome = { closedAfterMs: number; received: string };

/**
 * Opens a socket, writes `opening`, then one more `drip` every 50 ms until the server hangs up
 * (or TRICKLE_FOR_MS passes): how long the server let it hold the connection, and what it said.
 */
function slowClient(opening: string, drip: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    let received = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write(opening));
    const timer = setInterval(() => socket.writable && socket.write(drip), 50);
    const giveUp = setTimeout(() => socket.destroy(), TRICKLE_FOR_MS);
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ closedAfterMs: Date.now() - started, received });
    });
  });
}

describe('slow clients are cut off', () => {
  it('closes 10 connections that trickle their headers and 10 that trickle their body, and still serves', async () => {
    const partialHeaders = Array.from({ length: 10 }, (_, i) =>
      slowClient(`GET /api/config HTTP/1.1\r\nHost: x\r\n`, `X-Drip-${i}: 1\r\n`),
    );
    const trickledBodies = Array.from({ length: 10 }, () =>
      // Signed in, so the server waits for the body rather than answering 401 at once.
      slowClient(
        `POST /api/doctors HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TEST_ADMIN_TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"name":"`,
        'a',
      ),
    );
    const outcomes = await Promise.all([...partialHeaders, ...trickledBodies]);
    for (const outcome of outcomes) expect(outcome.closedAfterMs).toBeLessThan(TRICKLE_FOR_MS / 2);
    // Node writes a 408 before it hangs up, but a client still sending may lose it to the reset,
    // so only the hang-up is certain; whatever did arrive is that 408.
    for (const outcome of outcomes) expect(outcome.received).toMatch(/^$|^HTTP\/1\.1 408/);
    const after = await fetch(`http://127.0.0.1:${port}/api/config`);
    expect(after.status).toBe(200);
  });

  it('closes an idle kept-alive connection after the keep-alive timeout', async () => {
    const outcome = await new Promise<Outcome>((resolve) => {
      const started = Date.now();
      let received = '';
      const socket = net.connect(port, '127.0.0.1', () =>
        socket.write('GET /api/config HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n'),
      );
      const giveUp = setTimeout(() => socket.destroy(), TRICKLE_FOR_MS);
      socket.on('data', (chunk) => (received += chunk.toString('latin1')));
      socket.on('close', () => (clearTimeout(giveUp), resolve({ closedAfterMs: Date.now() - started, received })));
    });
    expect(outcome.received).toMatch(/^HTTP\/1\.1 200/);
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(TIMEOUTS.keepAliveMs - 50);
    expect(outcome.closedAfterMs).toBeLessThan(TRICKLE_FOR_MS / 2);
  });
});

describe('HTTP timeout configuration', () => {
  it('defaults to 10 s for headers, 30 s for a whole request and 5 s for an idle kept-alive connection', () => {
    expect(loadConfig({}).httpTimeouts).toEqual({ headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 });
    expect(loadConfig({ HTTP_REQUEST_TIMEOUT_MS: '60000' }).httpTimeouts.requestMs).toBe(60_000);
  });

  it('stops on a headers timeout longer than the request timeout, naming the variable', () => {
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '40000' })).toThrow(ConfigError);
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '40000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS:/);
  });
});
