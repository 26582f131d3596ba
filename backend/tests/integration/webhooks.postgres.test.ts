import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, isPostgresReachable } from '../helpers/engines.js';
import { at, futureDate, unique } from '../helpers/factories.js';
import { startApiProcess, type ApiProcess } from '../helpers/processes.js';

const reachable = await isPostgresReachable();
if (!reachable) process.stdout.write('skipped: webhooks across PostgreSQL processes (no PostgreSQL server)\n');

const BOOKINGS = 30;

describe.runIf(reachable)('webhooks from three API processes, one killed mid-delivery', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let processes: ApiProcess[] = [];
  let sql: pg.Client;
  let server: Server;
  const received: string[] = [];
  const day = futureDate(26);

  beforeAll(async () => {
    database = await createPostgresDatabase();
    // A slow receiver keeps deliveries in flight long enough for the kill to catch some.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push(String(req.headers['webhook-id']));
        setTimeout(() => res.writeHead(204).end(), 400);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const env = { DATABASE_URL: database.url, WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_CLAIM_SECONDS: '2' };
    processes = await Promise.all([1, 2, 3].map(() => startApiProcess(env)));
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  }, 90_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all(processes.map((api) => api.stop()));
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await database?.drop();
  });

  const post = async (api: ApiProcess, path: string, body: unknown) => {
    const response = await fetch(`${api.url}/api${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { data: { id: string } } };
  };

  it('loses no event and sends one twice only where a retry is recorded', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    expect((await post(processes[0]!, '/webhooks', { url, events: ['appointment.booked'] })).status).toBe(201);
    const doctorId = (await post(processes[0]!, '/doctors', { name: `Dr. ${unique()}`, specialty: 'GP' })).body.data.id;
    const base = new Date(at(day, '09:00')).getTime();
    const booked = await Promise.all(
      Array.from({ length: BOOKINGS }, async (_, i) => {
        const patientId = (await post(processes[i % 3]!, '/patients', { name: 'P', email: `${unique()}@example.org` })).body.data.id;
        const start = new Date(base + i * 15 * 60_000).toISOString();
        return post(processes[i % 3]!, '/appointments', {
          doctorId,
          patientId,
          start,
          end: new Date(base + (i * 15 + 15) * 60_000).toISOString(),
        });
      }),
    );
    expect(booked.map((response) => response.status)).toEqual(Array(BOOKINGS).fill(201));

    // Kill one process while every process holds claims (each takes five at a time, so more than
    // ten claimed means all three have some): what it held must be taken over, not lost.
    const claimed = async () =>
      (
        await sql.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending' AND locked_until > now()`,
        )
      ).rows[0]!.n;
    const deadline = Date.now() + 20_000;
    while ((await claimed()) <= 10 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    processes[2]!.child.kill('SIGKILL');

    const settled = async () =>
      (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'delivered'`)).rows[0]!.n;
    const until = Date.now() + 30_000;
    while ((await settled()) < BOOKINGS && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 200));

    const rows = await sql.query<{ event_seq: string; attempts: number; status: string }>(
      'SELECT event_seq, attempts, status FROM webhook_deliveries',
    );
    expect(rows.rows).toHaveLength(BOOKINGS);
    expect(rows.rows.every((row) => row.status === 'delivered')).toBe(true);
    const ids = rows.rows.map((row) => `evt_${row.event_seq}`);
    expect(new Set(received)).toEqual(new Set(ids));
    // What the killed process held was taken over once its claim ran out: a second attempt, recorded.
    const takenOver = rows.rows.filter((row) => row.attempts > 1).length;
    expect(takenOver).toBeGreaterThan(0);
    // A repeat is a delivery the killed process sent but never recorded: its row shows the second attempt.
    for (const row of rows.rows) {
      const times = received.filter((id) => id === `evt_${row.event_seq}`).length;
      expect(times).toBeLessThanOrEqual(row.attempts);
    }
  }, 90_000);
});
