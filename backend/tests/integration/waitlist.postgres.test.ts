import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, isPostgresReachable } from '../helpers/engines.js';
import { at, futureDate, unique } from '../helpers/factories.js';
import { startApiProcess, type ApiProcess } from '../helpers/processes.js';
import { smtpReceiver } from '../helpers/smtp.js';
import { receiver } from '../helpers/webhook-receiver.js';

const reachable = await isPostgresReachable();
if (!reachable) process.stdout.write('skipped: the waitlist across PostgreSQL processes (no PostgreSQL server)\n');

type Reply = { status: number; body: { data: Record<string, unknown> & { id: string }; error?: { code: string } } };

async function until<T>(what: string, probe: () => T | undefined, withinMs = 20_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`waited ${withinMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The "Done means", end to end through two API processes on one database: one books and
// cancels, the other offers, holds and takes the acceptance, and every mail and event arrives once.
describe.runIf(reachable)('a cancelled slot goes to the waitlist across two API processes', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let first: ApiProcess;
  let second: ApiProcess;
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const day = futureDate(33);

  beforeAll(async () => {
    database = await createPostgresDatabase();
    [smtp, hook] = await Promise.all([smtpReceiver(), receiver()]);
    const env = { DATABASE_URL: database.url, SMTP_URL: smtp.url, WEBHOOK_ALLOW_PRIVATE: 'true' };
    [first, second] = await Promise.all([startApiProcess(env), startApiProcess(env)]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([first, second].map((api) => api?.stop()));
    await Promise.all([smtp?.close(), hook?.close()]);
    await database?.drop();
  });

  const call = async (api: ApiProcess, method: string, path: string, body?: unknown): Promise<Reply> => {
    const response = await fetch(`${api.url}/api${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Reply['body'] };
  };

  it('confirms with a calendar file, offers the freed slot, holds it and books it when the patient accepts', async () => {
    const events = ['appointment.booked', 'appointment.cancelled', 'waitlist.offered', 'waitlist.accepted'];
    const registered = await call(first, 'POST', '/webhooks', { url: hook.url, events });
    expect(registered.status).toBe(201);
    hook.setSecret(registered.body.data.secret as string);
    const doctorId = (await call(first, 'POST', '/doctors', { name: `Dr. ${unique()}`, specialty: 'GP' })).body.data.id;
    const patient = async () => {
      const email = `${unique()}@example.org`;
      return { email, id: (await call(first, 'POST', '/patients', { name: `Pat ${unique()}`, email })).body.data.id };
    };
    const [booked, waiting, other] = await Promise.all([patient(), patient(), patient()]);

    const appointment = await call(second, 'POST', '/appointments', { doctorId, patientId: booked.id, start: at(day, '10:00') });
    expect(appointment.status).toBe(201);
    const confirmation = await until('the confirmation', () => smtp.to(booked.email)[0]);
    expect(confirmation.attachments.map((file) => file.contentType)).toContain('text/calendar');

    const entry = await call(first, 'POST', '/waitlist', { patientId: waiting.id, doctorId, windows: [{ start: '09:00', end: '12:00' }] });
    expect(entry.status).toBe(201);
    expect((await call(second, 'POST', `/appointments/${appointment.body.data.id}/cancel`, {})).status).toBe(200);

    const offer = await until('the offer', () => smtp.to(waiting.email).find((mail) => /\/offer\/[\w.-]+/.test(mail.text ?? '')));
    const token = /\/offer\/([\w.-]+)/.exec(offer.text!)![1]!;
    const taken = await call(first, 'POST', '/appointments', { doctorId, patientId: other.id, start: at(day, '10:00') });
    expect(taken.status).toBe(409);
    expect(taken.body.error?.code).toBe('SLOT_HELD');

    const accepted = await call(second, 'POST', `/offers/${token}/accept`);
    expect(accepted.status).toBe(200);
    const calendar = await call(first, 'GET', `/appointments?doctorId=${doctorId}&date=${day}`);
    const rows = calendar.body.data as unknown as Array<{ patientId: string; status: string; start: string }>;
    expect(rows.filter((row) => row.status === 'BOOKED')).toEqual([
      expect.objectContaining({ patientId: waiting.id, start: at(day, '10:00') }),
    ]);
    await until('the new confirmation', () => smtp.to(waiting.email).find((mail) => mail.attachments.length > 0));

    const types = await until('every event', () => (hook.received.length >= 5 ? hook.received.map((event) => event.type) : undefined));
    expect(types.sort()).toEqual([
      'appointment.booked',
      'appointment.booked',
      'appointment.cancelled',
      'waitlist.accepted',
      'waitlist.offered',
    ]);
    expect(hook.received.every((event) => event.valid)).toBe(true);
    // Nothing twice: each event id once, each mail once, whichever process sent it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(new Set(hook.received.map((event) => event.id)).size).toBe(hook.received.length);
    expect(hook.received).toHaveLength(5);
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(smtp.received.length);
    expect(smtp.to(waiting.email)).toHaveLength(2);
    expect(smtp.to(booked.email)).toHaveLength(2);
  }, 90_000);
});
