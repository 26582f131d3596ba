import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, futureDate, unique } from '../helpers/factories.js';
import { capturingLogger, openPgliteWithSql, rejectionCheck } from '../helpers/hostile.js';
import { apiClient, TEST_ADMIN_TOKEN, testApp } from '../helpers/http.js';

let cleanup: () => Promise<void>;
let expectRejected: ReturnType<typeof rejectionCheck>;
let app: ReturnType<typeof testApp>;
let api: ReturnType<typeof apiClient>;
let doctorId: string;
let patientId: string;
let appointmentId: string;
const day = futureDate(5);

beforeAll(async () => {
  const opened = await openPgliteWithSql();
  cleanup = opened.cleanup;
  const { logger, entries } = capturingLogger();
  expectRejected = rejectionCheck(opened.db, entries);
  app = testApp(opened.store, { logger });
  api = apiClient(app);
  [doctorId, patientId] = [(await api.doctor()).id, (await api.patient()).id];
  const booked = await api.http.post('/api/appointments').send({ doctorId, patientId, start: at(day, '09:00') });
  appointmentId = booked.body.data.id;
});
afterAll(() => cleanup?.());

const postJson = (path: string, text: string) => api.http.post(path).set('Content-Type', 'application/json').send(text);
const detailPaths = (response: Response) => (response.body.error.details ?? []).map((detail: { path: string }) => detail.path);

describe('control characters and lone surrogates', () => {
  it('400s a NUL in a doctor’s specialty and in a search, which PostgreSQL cannot store or compare', async () => {
    const created = await expectRejected(
      () => api.http.post('/api/doctors').send({ name: 'x', specialty: '\u0000' }),
      400,
      'VALIDATION_ERROR',
    );
    expect(detailPaths(created)).toEqual(['specialty']);
    await expectRejected(() => api.http.get('/api/patients/search?q=%00'), 400, 'VALIDATION_ERROR');
    await expectRejected(() => api.http.get('/api/doctors?specialty=Cardio%00logy'), 400, 'VALIDATION_ERROR');
  });

  it('400s a lone surrogate in a booking’s reason and in a name', async () => {
    const body = `{"doctorId":"${doctorId}","patientId":"${patientId}","start":"${at(day, '10:00')}","reason":"\\ud800"}`;
    expect(detailPaths(await expectRejected(() => postJson('/api/appointments', body), 400, 'VALIDATION_ERROR'))).toEqual(['reason']);
    await expectRejected(
      () => postJson('/api/patients', `{"name":"Ana \\udc00","email":"lone.${unique()}@example.org"}`),
      400,
      'VALIDATION_ERROR',
    );
    await expectRejected(() => postJson(`/api/appointments/${appointmentId}/cancel`, '{"reason":"\\udbff"}'), 400, 'VALIDATION_ERROR');
  });

  it.each([
    ['a terminal escape', 'Dr. \u001b[31mRed'],
    ['a right-to-left override', 'Dr. \u202eevil'],
    ['a directional isolate', 'Dr. \u2066x\u2069'],
    ['a zero-width space', 'Dr.\u200bSmith'],
    ['a line separator', 'Dr.\u2028Smith'],
    ['a C1 control', 'Dr. \u009bSmith'],
  ])('400s %s in a name and stores nothing', async (_label, name) => {
    await expectRejected(() => api.http.post('/api/doctors').send({ name, specialty: 'Cardiology' }), 400, 'VALIDATION_ERROR');
    await expectRejected(() => api.http.put(`/api/patients/${patientId}`).send({ name }), 400, 'VALIDATION_ERROR');
  });

  it('keeps names written with joiners, accents and emoji, and reasons with tabs and newlines', async () => {
    const persian = await api.http.post('/api/doctors').send({ name: 'می\u200cخواهم Zoë 😀', specialty: 'Pédiatrie' });
    expect([persian.status, persian.body.data.name]).toEqual([201, 'می\u200cخواهم Zoë 😀']);
    const reason = 'Follow-up:\n\tbring the last results';
    const booked = await api.http.post('/api/appointments').send({ doctorId, patientId, start: at(day, '11:00'), reason });
    expect([booked.status, booked.body.data.reason]).toEqual([201, reason]);
  });

  it('400s other control characters in a reason', async () => {
    for (const reason of ['bell\u0007', 'carriage\rreturn', 'esc\u001b[2J']) {
      await expectRejected(
        () => api.http.post('/api/appointments').send({ doctorId, patientId, start: at(day, '12:00'), reason }),
        400,
        'VALIDATION_ERROR',
      );
    }
  });
});

describe('paths that are not percent-encoded UTF-8', () => {
  it.each([
    ['POST', `/api/appointments/%ED%A0%80/cancel`],
    ['GET', '/api/doctors/%E0%A4%A'],
    ['GET', '/api/patients/%FF/appointments'],
    ['PUT', '/api/patients/%C0%AF'],
  ])('400s %s %s with VALIDATION_ERROR', async (method, path) => {
    const send = () =>
      method === 'GET' ? api.http.get(path) : method === 'PUT' ? api.http.put(path).send({}) : api.http.post(path).send({});
    const response = await expectRejected(send, 400, 'VALIDATION_ERROR');
    expect(response.body.error.message).toMatch(/percent-encoded UTF-8/);
  });
});

describe('Content-Encoding', () => {
  const doctor = () => JSON.stringify({ name: `Dr. ${unique()}`, specialty: 'Cardiology' });

  it.each(['gzip', 'br', 'deflate', 'GZIP'])('400s a body labelled %s that is not compressed', async (encoding) => {
    const response = await expectRejected(
      () => api.http.post('/api/doctors').set('Content-Type', 'application/json').set('Content-Encoding', encoding).send(doctor()),
      400,
      'INVALID_JSON',
    );
    expect(response.body.error.message).toMatch(/Content-Encoding/);
  });

  it('415s an encoding the API does not read with UNSUPPORTED_MEDIA_TYPE', async () => {
    for (const encoding of ['compress', 'x-made-up'])
      await expectRejected(
        () => api.http.post('/api/doctors').set('Content-Type', 'application/json').set('Content-Encoding', encoding).send(doctor()),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
  });

  it('reads a body that really is gzip or brotli', async () => {
    // supertest would write a Buffer as JSON text, so these bytes go through a listening server.
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/doctors`;
      for (const [encoding, body] of [
        ['gzip', gzipSync(doctor())],
        ['br', brotliCompressSync(doctor())],
      ] as const) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-encoding': encoding, authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
          body,
        });
        expect(response.status).toBe(201);
      }
    } finally {
      server.close();
    }
  });
});

describe('deeply nested bodies with an Idempotency-Key', () => {
  const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

  it('400s a body nested 3,000 levels deep instead of overflowing the stack while hashing it', async () => {
    const key = `deep-${unique()}`;
    // The refusal itself is stored under the key so that a retry is answered the same way.
    const send = () => postJson('/api/appointments', deep(3000)).set('Idempotency-Key', key);
    await expectRejected(send, 400, 'VALIDATION_ERROR', ['idempotency_keys']);
    const retry = await send();
    expect([retry.status, retry.headers['idempotent-replayed']]).toEqual([400, 'true']);
  });

  it('hashes deep arrays too: the same key with a different deep body is 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const key = `deep-array-${unique()}`;
    const array = (levels: number, leaf: string) => `{"x":${'['.repeat(levels)}${leaf}${']'.repeat(levels)}}`;
    await postJson(`/api/appointments/${appointmentId}/cancel`, array(20_000, '1')).set('Idempotency-Key', key);
    const other = await postJson(`/api/appointments/${appointmentId}/cancel`, array(20_000, '2')).set('Idempotency-Key', key);
    expect([other.status, other.body.error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });
});
