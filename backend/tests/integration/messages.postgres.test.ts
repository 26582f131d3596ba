import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, isPostgresReachable } from '../helpers/engines.js';
import { at, futureDate, unique } from '../helpers/factories.js';
import { startApiProcess, type ApiProcess } from '../helpers/processes.js';
import { smtpReceiver } from '../helpers/smtp.js';

const reachable = await isPostgresReachable();
if (!reachable) process.stdout.write('skipped: messages across PostgreSQL processes (no PostgreSQL server)\n');

const BOOKINGS = 30;

describe.runIf(reachable)('confirmation emails from three API processes, one killed mid-delivery', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let processes: ApiProcess[] = [];
  let sql: pg.Client;
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  const day = futureDate(27);

  beforeAll(async () => {
    database = await createPostgresDatabase();
    // A slow server keeps mails in flight long enough for the kill to catch some.
    smtp = await smtpReceiver({ delayMs: 400 });
    const env = { DATABASE_URL: database.url, SMTP_URL: smtp.url, WEBHOOK_CLAIM_SECONDS: '2' };
    processes = await Promise.all([1, 2, 3].map(() => startApiProcess(env)));
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  }, 90_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all(processes.map((api) => api.stop()));
    await smtp?.close();
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

  it('loses no confirmation and sends one twice only where a retry is recorded', async () => {
    const doctorId = (await post(processes[0]!, '/doctors', { name: `Dr. ${unique()}`, specialty: 'GP' })).body.data.id;
    const base = new Date(at(day, '09:00')).getTime();
    const booked = await Promise.all(
      Array.from({ length: BOOKINGS }, async (_, i) => {
        const patientId = (await post(processes[i % 3]!, '/patients', { name: 'P', email: `${unique()}@example.org` })).body.data.id;
        return post(processes[i % 3]!, '/appointments', {
          doctorId,
          patientId,
          start: new Date(base + i * 15 * 60_000).toISOString(),
          end: new Date(base + (i * 15 + 15) * 60_000).toISOString(),
        });
      }),
    );
    expect(booked.map((response) => response.status)).toEqual(Array(BOOKINGS).fill(201));

    // Kill one process while every process holds claims (five at a time each, so more than ten
    // claimed means all three have some): what it held must be taken over, not lost.
    const claimed = async () =>
      (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE status = 'pending' AND locked_until > now()`)).rows[0]!
        .n;
    const deadline = Date.now() + 20_000;
    while ((await claimed()) <= 10 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    processes[2]!.child.kill('SIGKILL');

    const sent = async () =>
      (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE kind = 'confirmation' AND status = 'sent'`)).rows[0]!
        .n;
    const until = Date.now() + 30_000;
    while ((await sent()) < BOOKINGS && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 200));

    const rows = await sql.query<{ id: string; attempts: number; status: string }>(
      `SELECT id, attempts, status FROM messages WHERE kind = 'confirmation'`,
    );
    expect(rows.rows).toHaveLength(BOOKINGS);
    expect(rows.rows.every((row) => row.status === 'sent')).toBe(true);
    const messageIds = smtp.received.map((mail) => mail.messageId!.replace(/^<|@.*$/g, ''));
    expect(new Set(messageIds)).toEqual(new Set(rows.rows.map((row) => row.id)));
    // What the killed process held was taken over once its claim ran out: a second attempt, recorded.
    expect(rows.rows.filter((row) => row.attempts > 1).length).toBeGreaterThan(0);
    // A repeat is a mail the killed process sent but never recorded: its row shows the second attempt.
    for (const row of rows.rows) expect(messageIds.filter((id) => id === row.id).length).toBeLessThanOrEqual(row.attempts);
    // Two reminders each, still ahead, made once however many processes read the chain.
    const reminders = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM messages WHERE kind = 'reminder' AND status = 'pending'`,
    );
    expect(reminders.rows[0]!.n).toBe(2 * BOOKINGS);
  }, 90_000);
});
