import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/store/ports/audit.js';
import { openPglite } from '../../src/store/sql/pglite.js';
import { createSqlStore } from '../../src/store/sql/sql-store.js';
import type { Store } from '../../src/store/store.js';
import { sha256 } from '../../src/auth/secrets.js';
import { apiClient, signInAs, TEST_ADMIN_TOKEN, testApp } from '../helpers/http.js';
import { at, futureDate } from '../helpers/factories.js';

// Who the test client calls as (the admin token testApp sets up); every record must name it.
const caller = { actorKind: 'token', actorId: '', actorLabel: 'test-admin' };

let store: Store;
let raw: Awaited<ReturnType<typeof openPglite>>;
let app: ReturnType<typeof testApp>;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  raw = await openPglite('pglite://memory');
  store = await createSqlStore(raw);
  app = testApp(store);
  api = apiClient(app);
  expect((await api.http.get('/api/auth/me')).status).toBe(200);
  caller.actorId = (await store.tokens.findByHash(sha256(TEST_ADMIN_TOKEN)))!.id;
});
afterAll(() => store?.close());

const day = futureDate(9);
const tag = () => `t-${randomUUID()}`;

/** The records left by the one request sent with this correlation id. */
async function recordsOf(correlationId: string): Promise<AuditRecord[]> {
  const { items } = await store.audit.list({ limit: 500, offset: 0 });
  return items.filter((record) => record.correlationId === correlationId);
}

async function expectOneRecord(correlationId: string, expected: Partial<AuditRecord>) {
  const records = await recordsOf(correlationId);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ ...caller, clientAddress: expect.stringMatching(/127\.0\.0\.1|::1/), ...expected });
}

describe('the audit record of each patient-data route', () => {
  let patient: { id: string; name: string; email: string };
  let doctor: { id: string };
  let appointmentId: string;
  beforeAll(async () => {
    doctor = await api.doctor();
    patient = await api.patient({ phone: '+44 20 7946 0958', dateOfBirth: '1980-02-03' });
    const booked = await api.http
      .post('/api/appointments')
      .send({ doctorId: doctor.id, patientId: patient.id, start: at(day, '09:00'), reason: 'Chest pain follow-up' });
    appointmentId = booked.body.data.id;
  });

  const reads: Array<[string, () => string, () => Partial<AuditRecord>]> = [
    ['GET /api/patients', () => '/api/patients', () => ({ action: 'patient.list', resourceType: 'patient', resourceId: null })],
    ['GET /api/patients/search', () => '/api/patients/search?q=Patient', () => ({ action: 'patient.list', resourceType: 'patient' })],
    ['GET /api/patients/:id', () => `/api/patients/${patient.id}`, () => ({ action: 'patient.read', resourceId: patient.id })],
    [
      'GET /api/patients/:id/appointments',
      () => `/api/patients/${patient.id}/appointments`,
      () => ({ action: 'appointment.list', resourceType: 'patient', resourceId: patient.id }),
    ],
    ['GET /api/appointments', () => '/api/appointments', () => ({ action: 'appointment.list', resourceType: 'appointment' })],
    [
      'GET /api/appointments?patientId=',
      () => `/api/appointments?patientId=${patient.id}`,
      () => ({ action: 'appointment.list', resourceType: 'patient', resourceId: patient.id }),
    ],
    [
      'GET /api/appointments/:id',
      () => `/api/appointments/${appointmentId}`,
      () => ({ action: 'appointment.read', resourceType: 'appointment', resourceId: appointmentId }),
    ],
  ];
  for (const [route, path, expected] of reads) {
    it(`${route} leaves one success record`, async () => {
      const correlationId = tag();
      const response = await api.http.get(path()).set('X-Correlation-ID', correlationId);
      expect(response.status).toBe(200);
      await expectOneRecord(correlationId, { ...expected(), outcome: 'success' });
    });
  }

  it('GET /api/patients/:id of nobody leaves one failure record', async () => {
    const correlationId = tag();
    const missing = '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d';
    const response = await api.http.get(`/api/patients/${missing}`).set('X-Correlation-ID', correlationId);
    expect(response.status).toBe(404);
    await expectOneRecord(correlationId, { action: 'patient.read', resourceId: missing, outcome: 'failure' });
  });

  it('POST /api/patients records the new patient’s id; PUT and PATCH record the update', async () => {
    const created = tag();
    const response = await api.http
      .post('/api/patients')
      .set('X-Correlation-ID', created)
      .send({ name: 'Ines Duarte', email: `ines.${randomUUID()}@example.org` });
    expect(response.status).toBe(201);
    await expectOneRecord(created, {
      action: 'patient.create',
      resourceType: 'patient',
      resourceId: response.body.data.id,
      outcome: 'success',
    });
    for (const method of ['put', 'patch'] as const) {
      const updated = tag();
      const change = await api.http[method](`/api/patients/${response.body.data.id}`)
        .set('X-Correlation-ID', updated)
        .send({ name: 'Ines D.' });
      expect(change.status).toBe(200);
      await expectOneRecord(updated, { action: 'patient.update', resourceId: response.body.data.id, outcome: 'success' });
    }
  });

  it('a patient create rolled back on a duplicate email leaves a failure record and no success record', async () => {
    const correlationId = tag();
    const before = (await store.patients.list({ limit: 1, offset: 0 })).total;
    const response = await api.http
      .post('/api/patients')
      .set('X-Correlation-ID', correlationId)
      .send({ name: 'Copy', email: patient.email.toUpperCase() });
    expect(response.status).toBe(409);
    expect((await store.patients.list({ limit: 1, offset: 0 })).total).toBe(before);
    await expectOneRecord(correlationId, { action: 'patient.create', resourceId: null, outcome: 'failure' });
  });

  it('booking, rescheduling and cancelling record the appointment; a lost booking and a second cancel record failures', async () => {
    const booked = tag();
    const response = await api.http
      .post('/api/appointments')
      .set('X-Correlation-ID', booked)
      .send({ doctorId: doctor.id, patientId: patient.id, start: at(day, '11:00') });
    expect(response.status).toBe(201);
    const id = response.body.data.id as string;
    await expectOneRecord(booked, { action: 'appointment.book', resourceType: 'appointment', resourceId: id, outcome: 'success' });

    const lost = tag();
    const other = await api.patient();
    const conflict = await api.http
      .post('/api/appointments')
      .set('X-Correlation-ID', lost)
      .send({ doctorId: doctor.id, patientId: other.id, start: at(day, '11:00') });
    expect(conflict.status).toBe(409);
    await expectOneRecord(lost, { action: 'appointment.book', resourceId: null, outcome: 'failure' });

    const moved = tag();
    const reschedule = await api.http
      .post(`/api/appointments/${id}/reschedule`)
      .set('X-Correlation-ID', moved)
      .send({ start: at(day, '12:00') });
    expect(reschedule.status).toBe(200);
    await expectOneRecord(moved, { action: 'appointment.reschedule', resourceId: id, outcome: 'success' });

    for (const [status, outcome] of [
      [200, 'success'],
      [409, 'failure'],
    ] as const) {
      const cancelled = tag();
      const cancel = await api.http
        .post(`/api/appointments/${id}/cancel`)
        .set('X-Correlation-ID', cancelled)
        .send({ reason: 'Patient is abroad' });
      expect(cancel.status).toBe(status);
      await expectOneRecord(cancelled, { action: 'appointment.cancel', resourceId: id, outcome });
    }
  });

  it('a replayed booking (same Idempotency-Key) records the read it shows, and books nothing', async () => {
    const key = randomUUID();
    const send = (correlationId: string) =>
      api.http
        .post('/api/appointments')
        .set('Idempotency-Key', key)
        .set('X-Correlation-ID', correlationId)
        .send({ doctorId: doctor.id, patientId: patient.id, start: at(day, '15:00') });
    const first = await send(tag());
    expect(first.status).toBe(201);
    const replayed = tag();
    const again = await send(replayed);
    expect([again.status, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
    await expectOneRecord(replayed, { action: 'appointment.read', resourceType: 'appointment', resourceId: first.body.data.id });
  });

  it('never puts a patient’s contact details, birth date or visit reason into a record', async () => {
    const { items } = await store.audit.list({ limit: 500, offset: 0 });
    const text = JSON.stringify(items);
    expect(items.length).toBeGreaterThan(10);
    for (const secret of [patient.email, '7946', '1980-02-03', 'Chest pain', 'abroad', patient.name]) expect(text).not.toContain(secret);
  });
});

describe('GET /api/audit', () => {
  it('lists newest first with filters and paging, in the record shape', async () => {
    const patient = await api.patient();
    for (let n = 0; n < 3; n += 1) expect((await api.http.get(`/api/patients/${patient.id}`)).status).toBe(200);
    const response = await api.http.get(`/api/audit?resourceType=patient&resourceId=${patient.id}&action=patient.read&limit=2`);
    expect(response.status).toBe(200);
    expect(response.body.meta).toEqual({ total: 3, limit: 2, offset: 0 });
    const [newest, older] = response.body.data;
    expect(newest).toEqual({
      id: expect.any(String),
      seq: older.seq + 1,
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      ...caller,
      action: 'patient.read',
      resourceType: 'patient',
      resourceId: patient.id,
      outcome: 'success',
      correlationId: expect.any(String),
      clientAddress: expect.any(String),
      prevHash: older.hash,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const rest = await api.http.get(`/api/audit?resourceId=${patient.id}&action=patient.read&offset=2`);
    expect(rest.body.data).toHaveLength(1);
    const later = await api.http.get(
      `/api/audit?resourceId=${patient.id}&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(later.body.meta.total).toBe(0);
  });

  it('is for admins only: staff get 403 FORBIDDEN and the anonymous 401', async () => {
    const staff = await signInAs(app, store, 'staff');
    for (const path of ['/api/audit', '/api/audit/verify']) {
      const refused = await staff.http.get(path);
      expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
      expect((await request(app).get(path)).status).toBe(401);
    }
    const asAdmin = await signInAs(app, store, 'admin');
    expect((await asAdmin.http.get('/api/audit/verify')).status).toBe(200);
  });

  it('refuses an unknown action or a malformed time with 400 VALIDATION_ERROR', async () => {
    const action = await api.http.get('/api/audit?action=patient.delete');
    expect([action.status, action.body.error.code, action.body.error.details[0].path]).toEqual([400, 'VALIDATION_ERROR', 'action']);
    const from = await api.http.get('/api/audit?from=yesterday');
    expect([from.status, from.body.error.details[0].path]).toEqual([400, 'from']);
  });

  it('offers no way to change or delete a record', async () => {
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      expect((await api.http[method]('/api/audit/1')).status).toBe(404);
      expect([404, 405]).toContain((await api.http[method]('/api/audit')).status);
    }
  });
});

describe('GET /api/audit/verify', () => {
  it('answers ok with the number of records checked, then names the first record edited behind the API’s back', async () => {
    await api.http.get('/api/patients');
    const intact = await api.http.get('/api/audit/verify');
    expect(intact.status).toBe(200);
    expect(intact.body.data).toEqual({ ok: true, checked: expect.any(Number) });
    const checked = intact.body.data.checked as number;
    await raw.transaction(async (tx) => {
      await tx.exec('SET LOCAL session_replication_role = replica');
      await tx.query("UPDATE audit_log SET outcome = 'failure' WHERE seq = 2");
    });
    const broken = await api.http.get('/api/audit/verify');
    expect(broken.body.data).toEqual({ ok: false, checked: 1, brokenAt: 2, reason: 'record 2 was changed after it was written' });
    expect(checked).toBeGreaterThan(1);
  });
});
