import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/runtime/http-server.js';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate } from '../helpers/factories.js';
import { TEST_ADMIN_TOKEN, testApp } from '../helpers/http.js';

let opened: OpenedStore;
let app: ReturnType<typeof testApp>;
let server: Server;
let base: string;
const prototypesAtBirth: boolean[] = [];

beforeAll(async () => {
  opened = await openPgliteStore();
  app = testApp(opened.store);
  server = createHttpServer(app);
  // Runs before Express sees the request, so it observes what the server itself created.
  server.prependListener('request', (req, res) =>
    prototypesAtBirth.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await opened?.cleanup();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...headers },
    body: JSON.stringify(body),
  });

describe('createHttpServer', () => {
  it("creates every request and response with the app's prototypes, so Express never re-parents them", async () => {
    prototypesAtBirth.length = 0;
    await fetch(`${base}/api/config`);
    await fetch(`${base}/api/nothing-here`);
    expect(prototypesAtBirth).toEqual([true, true]);
  });

  it("serves the API with Express's request and response helpers intact", async () => {
    const doctor = await post('/api/doctors', { name: 'Dr. Prototype', specialty: 'Cardiology' });
    expect(doctor.status).toBe(201);
    expect(doctor.headers.get('x-correlation-id')).toBeTruthy();
    expect(doctor.headers.get('x-content-type-options')).toBe('nosniff');
    const patient = await post('/api/patients', { name: 'Pat Prototype', email: 'pat.prototype@example.org' });
    const body = {
      doctorId: (await doctor.json()).data.id,
      patientId: (await patient.json()).data.id,
      start: at(futureDate(3), '10:00'),
      end: at(futureDate(3), '10:30'),
    };
    const booked = await post('/api/appointments', body, { 'Idempotency-Key': 'proto-1' });
    const replayed = await post('/api/appointments', body, { 'Idempotency-Key': 'proto-1' });
    expect([booked.status, replayed.status, replayed.headers.get('idempotent-replayed')]).toEqual([201, 201, 'true']);
    expect((await replayed.json()).data.id).toBe((await booked.json()).data.id);
  });

  it('answers malformed JSON and unknown routes in the error shape', async () => {
    const malformed = await fetch(`${base}/api/doctors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: '{"name":',
    });
    const missing = await fetch(`${base}/api/nothing-here`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect([malformed.status, (await malformed.json()).error.code]).toEqual([400, 'INVALID_JSON']);
    expect([missing.status, (await missing.json()).error.code]).toEqual([404, 'NOT_FOUND']);
  });
});
