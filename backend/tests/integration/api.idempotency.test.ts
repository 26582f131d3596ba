import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate, unique } from '../helpers/factories.js';
import { apiClient, testApp } from '../helpers/http.js';

let opened: OpenedStore;
let api: ReturnType<typeof apiClient>;
const day = futureDate(4);
beforeAll(async () => {
  opened = await openPgliteStore();
  api = apiClient(testApp(opened.store));
});
afterAll(() => opened?.cleanup());

const bookWithKey = (key: string, body: Record<string, unknown>) =>
  api.http.post('/api/appointments').set('Idempotency-Key', key).send(body);
const bookedCount = async (doctorId: string) => (await opened.store.appointments.list({ doctorId, limit: 100, offset: 0 })).total;

describe('Idempotency-Key on POST /api/appointments', () => {
  it('replays the first response to a retry instead of booking twice', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const key = `retry-${unique()}`;
    const body = { doctorId: doctor.id, patientId: patient.id, start: at(day, '10:00') };
    const first = await bookWithKey(key, body);
    const retry = await bookWithKey(key, { start: body.start, patientId: body.patientId, doctorId: body.doctorId });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await bookedCount(doctor.id)).toBe(1);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED to the same key with another body', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const key = `reuse-${unique()}`;
    await bookWithKey(key, { doctorId: doctor.id, patientId: patient.id, start: at(day, '11:00') });
    const reused = await bookWithKey(key, { doctorId: doctor.id, patientId: patient.id, start: at(day, '12:00') });
    expect([reused.status, reused.body.error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await bookedCount(doctor.id)).toBe(1);
  });

  it('replays a rejected request’s error too, since it wrote nothing', async () => {
    const [doctor, patient, other] = [await api.doctor(), await api.patient(), await api.patient()];
    const taken = await api.http.post('/api/appointments').send({ doctorId: doctor.id, patientId: other.id, start: at(day, '13:00') });
    expect(taken.status).toBe(201);
    const key = `conflict-${unique()}`;
    const body = { doctorId: doctor.id, patientId: patient.id, start: at(day, '13:00') };
    const first = await bookWithKey(key, body);
    const retry = await bookWithKey(key, body);
    expect([first.status, retry.status, retry.headers['idempotent-replayed']]).toEqual([409, 409, 'true']);
    expect(retry.body).toEqual(first.body);
  });

  it('answers 409 IDEMPOTENCY_IN_PROGRESS while the first request is still running', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The first request waits at its first read after the claim, until the test lets it go.
    const held: Store['appointments'] = {
      ...opened.store.appointments,
      participants: async (doctorId, patientId) => (await gate, opened.store.appointments.participants(doctorId, patientId)),
    };
    const slow = apiClient(testApp({ ...opened.store, appointments: held }));
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const key = `inflight-${unique()}`;
    const body = { doctorId: doctor.id, patientId: patient.id, start: at(day, '14:00') };
    const first = slow.http
      .post('/api/appointments')
      .set('Idempotency-Key', key)
      .send(body)
      .then((response) => response);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await bookWithKey(key, body);
    expect([second.status, second.body.error.code]).toEqual([409, 'IDEMPOTENCY_IN_PROGRESS']);
    release();
    expect((await first).status).toBe(201);
    const third = await bookWithKey(key, body);
    expect([third.status, third.headers['idempotent-replayed'], third.body.data.id]).toEqual([201, 'true', (await first).body.data.id]);
  });

  it('books once when ten copies of one request arrive together', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const key = `burst-${unique()}`;
    const body = { doctorId: doctor.id, patientId: patient.id, start: at(day, '15:00') };
    const responses = await Promise.all(Array.from({ length: 10 }, () => bookWithKey(key, body)));
    const outcomes = new Set(responses.map((response) => (response.status === 201 ? 201 : response.body.error.code)));
    expect([...outcomes].every((outcome) => outcome === 201 || outcome === 'IDEMPOTENCY_IN_PROGRESS')).toBe(true);
    expect(responses.filter((response) => response.status === 201 && !response.headers['idempotent-replayed'])).toHaveLength(1);
    expect(await bookedCount(doctor.id)).toBe(1);
  });

  it('rejects a key that is too long with 400', async () => {
    const response = await api.http.post('/api/appointments').set('Idempotency-Key', 'k'.repeat(256)).send({});
    expect([response.status, response.body.error.details[0].path]).toEqual([400, 'Idempotency-Key']);
  });
});

describe('Idempotency-Key on POST /api/appointments/:id/cancel', () => {
  it('replays the cancellation instead of answering ALREADY_CANCELLED', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const booked = await api.http.post('/api/appointments').send({ doctorId: doctor.id, patientId: patient.id, start: at(day, '16:00') });
    const key = `cancel-${unique()}`;
    const path = `/api/appointments/${booked.body.data.id}/cancel`;
    const first = await api.http.post(path).set('Idempotency-Key', key).send({ reason: 'Ill' });
    const retry = await api.http.post(path).set('Idempotency-Key', key).send({ reason: 'Ill' });
    expect([first.status, retry.status, retry.headers['idempotent-replayed']]).toEqual([200, 200, 'true']);
    expect(retry.body).toEqual(first.body);
    const withoutKey = await api.http.post(path).send({ reason: 'Ill' });
    expect(withoutKey.body.error.code).toBe('ALREADY_CANCELLED');
  });
});
