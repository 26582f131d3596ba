import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkPurpose, PatientLinks } from '../../src/services/patient-links.js';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate } from '../helpers/factories.js';
import { apiClient, testApp } from '../helpers/http.js';

const LONDON = 'Europe/London';
const DAY_MS = 24 * 60 * 60 * 1000;

describe('Patient links: /api/visit/:token', () => {
  let opened: OpenedStore;
  let app: ReturnType<typeof testApp>;
  let api: ReturnType<typeof apiClient>;
  let links: PatientLinks;
  const day = futureDate(6, LONDON);
  let slot = 0;

  beforeAll(async () => {
    opened = await openPgliteStore();
    app = testApp(opened.store, {
      config: {
        clinic: { timezone: LONDON, startHour: 9, endHour: 17, defaultSlotMinutes: 30 },
        publicUrl: 'https://clinic.example',
        patientCancelNoticeHours: 24,
      },
    });
    api = apiClient(app);
    links = app.locals.links as PatientLinks;
  });
  afterAll(() => opened?.cleanup());

  /** A booked appointment of a patient with full contact details, each in its own half hour of the day. */
  async function booked() {
    const doctor = await api.doctor({ specialty: 'Dermatology' });
    const patient = await api.patient({ name: 'Grace Brewster Hopper', phone: '+44 20 7946 0123' });
    const start = at(day, `${String(9 + Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}`, LONDON);
    slot += 1;
    const response = await api.http.post('/api/appointments').send({ doctorId: doctor.id, patientId: patient.id, start });
    expect(response.status).toBe(201);
    return { appointment: response.body.data as { id: string; start: string; end: string }, doctor, patient };
  }

  const token = (purpose: LinkPurpose, id: string, expiresAt = new Date(Date.now() + 30 * DAY_MS)) =>
    links.sign({ purpose, id, expiresAt });
  const auditOf = async (id: string) => (await opened.store.audit.list({ limit: 50, offset: 0, resourceId: id })).items;
  const leaksNothing = (body: unknown, patient: { email: string }) => {
    const text = JSON.stringify(body);
    expect(text).not.toContain(patient.email);
    expect(text).not.toContain('7946');
    expect(text).not.toContain('Hopper');
  };

  it('makes links on PUBLIC_URL: /visit/<token> for the appointment’s purposes', async () => {
    const { appointment } = await booked();
    const url = await links.url({ purpose: 'cancel', id: appointment.id, expiresAt: new Date(Date.now() + DAY_MS) });
    expect(url).toMatch(/^https:\/\/clinic\.example\/visit\/[\w-]+\.[\w-]+$/);
  });

  it('shows the visit to any of its links without sign-in: first name, doctor, site and zone, no contact details', async () => {
    const { appointment, doctor, patient } = await booked();
    for (const purpose of ['view', 'confirm', 'cancel'] as const) {
      const response = await request(app).get(`/api/visit/${await token(purpose, appointment.id)}`);
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({
        purpose,
        appointment: {
          id: appointment.id,
          start: appointment.start,
          end: appointment.end,
          status: 'BOOKED',
          patientConfirmedAt: null,
          patient: { firstName: 'Grace' },
          doctor: { name: doctor.name, specialty: 'Dermatology' },
          visitType: null,
          site: { name: expect.any(String), address: null, timezone: LONDON },
        },
        cancellable: true,
        cancelBefore: new Date(Date.parse(appointment.start) - DAY_MS).toISOString(),
      });
      expect(response.headers['cache-control']).toBe('no-store');
      leaksNothing(response.body, patient);
    }
    expect((await auditOf(appointment.id)).filter((record) => record.action === 'appointment.read')).toHaveLength(3);
  });

  it('confirms attendance once: patientConfirmedAt keeps the first time, and staff see it', async () => {
    const { appointment, patient } = await booked();
    const confirm = await token('confirm', appointment.id);
    const first = await request(app).post(`/api/visit/${confirm}/confirm`).send({});
    expect(first.status).toBe(200);
    expect(first.body.data.appointment).toMatchObject({ status: 'BOOKED', patientConfirmedAt: expect.any(String) });
    leaksNothing(first.body, patient);
    const again = await request(app).post(`/api/visit/${confirm}/confirm`);
    expect(again.status).toBe(200);
    expect(again.body.data.appointment.patientConfirmedAt).toBe(first.body.data.appointment.patientConfirmedAt);

    const staff = await api.http.get(`/api/appointments/${appointment.id}`);
    expect(staff.body.data.patientConfirmedAt).toBe(first.body.data.appointment.patientConfirmedAt);
    const confirmations = (await auditOf(appointment.id)).filter((record) => record.action === 'appointment.patient_confirm');
    expect(confirmations).toEqual([
      expect.objectContaining({ actorKind: 'patient-link', actorId: appointment.id, actorLabel: 'confirm', outcome: 'success' }),
    ]);
  });

  it('cancels through the desk’s path (status, reason, audit record by the link) and then says ALREADY_CANCELLED', async () => {
    const { appointment, patient } = await booked();
    const cancel = await token('cancel', appointment.id);
    const response = await request(app).post(`/api/visit/${cancel}/cancel`).send({});
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ purpose: 'cancel', cancellable: false, appointment: { status: 'CANCELLED' } });
    leaksNothing(response.body, patient);

    expect(await opened.store.appointments.get(appointment.id)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'Cancelled by the patient through their link',
    });
    expect((await auditOf(appointment.id)).find((record) => record.action === 'appointment.cancel')).toMatchObject({
      actorKind: 'patient-link',
      actorId: appointment.id,
      actorLabel: 'cancel',
      outcome: 'success',
    });

    const twice = await request(app).post(`/api/visit/${cancel}/cancel`).send({});
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ALREADY_CANCELLED');
    const confirmLate = await request(app).post(`/api/visit/${await token('confirm', appointment.id)}/confirm`);
    expect(confirmLate.status).toBe(409);
    expect(confirmLate.body.error.code).toBe('ALREADY_CANCELLED');
  });

  it('refuses to cancel inside the notice period with 409 CANCEL_TOO_LATE and leaves it booked', async () => {
    const { appointment } = await booked();
    // Same store and key, a notice longer than the time left before the visit.
    const strict = testApp(opened.store, {
      config: { clinic: { timezone: LONDON, startHour: 9, endHour: 17, defaultSlotMinutes: 30 }, patientCancelNoticeHours: 720 },
    });
    const cancel = await token('cancel', appointment.id);
    expect((await request(strict).get(`/api/visit/${cancel}`)).body.data.cancellable).toBe(false);
    const response = await request(strict).post(`/api/visit/${cancel}/cancel`).send({});
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'CANCEL_TOO_LATE', message: expect.stringContaining('720 hours') });
    expect(await opened.store.appointments.get(appointment.id)).toMatchObject({ status: 'BOOKED', cancelledAt: null });
  });

  it('answers 404 LINK_INVALID, the same for an expired, forged, wrong-purpose or garbage token, and writes nothing', async () => {
    const { appointment } = await booked();
    const valid = await token('cancel', appointment.id);
    const [body, signature] = valid.split('.') as [string, string];
    const forgedClaims = Buffer.from(JSON.stringify({ p: 'cancel', i: appointment.id, e: 4102444800 })).toString('base64url');
    const before = (await auditOf(appointment.id)).length;
    const attempts: Array<[string, string]> = [
      ['post', `/api/visit/${await token('cancel', appointment.id, new Date(Date.now() - 1000))}/cancel`],
      ['post', `/api/visit/${body}.${signature.slice(0, -2)}AA/cancel`],
      ['post', `/api/visit/${forgedClaims}.${signature}/cancel`],
      ['post', `/api/visit/${await token('view', appointment.id)}/cancel`],
      ['post', `/api/visit/${await token('cancel', appointment.id)}/confirm`],
      ['post', `/api/visit/${await token('offer', appointment.id)}/confirm`],
      ['get', `/api/visit/${await token('offer', appointment.id)}`],
      ['get', `/api/visit/${await token('view', 'not-an-appointment')}`],
      ['get', '/api/visit/garbage'],
      ['get', `/api/visit/${'a'.repeat(5000)}.${'b'.repeat(50)}`],
    ];
    for (const [method, path] of attempts) {
      const response = await (method === 'get' ? request(app).get(path) : request(app).post(path).send({}));
      expect(response.status, path).toBe(404);
      expect(response.body).toMatchObject({
        success: false,
        error: { code: 'LINK_INVALID', message: 'This link is not valid or has expired', correlationId: expect.any(String) },
      });
    }
    expect(await opened.store.appointments.get(appointment.id)).toMatchObject({ status: 'BOOKED', patientConfirmedAt: null });
    expect(await auditOf(appointment.id)).toHaveLength(before);
  });

  it('refuses unknown body fields with 400 before acting', async () => {
    const { appointment } = await booked();
    const response = await request(app)
      .post(`/api/visit/${await token('cancel', appointment.id)}/cancel`)
      .send({ status: 'BOOKED' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
    expect(await opened.store.appointments.get(appointment.id)).toMatchObject({ status: 'BOOKED' });
  });
});

describe('GET /api/appointments/:id/patient-links', () => {
  let opened: OpenedStore;
  let app: ReturnType<typeof testApp>;
  beforeAll(async () => {
    opened = await openPgliteStore();
    app = testApp(opened.store, { config: { port: 4321 } });
  });
  afterAll(() => opened?.cleanup());

  it('gives the desk the three links on http://localhost:<PORT> without PUBLIC_URL, each opening its purpose until a day after the end', async () => {
    const api = apiClient(app);
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const booked = await api.http
      .post('/api/appointments')
      .send({ doctorId: doctor.id, patientId: patient.id, start: at(futureDate(4), '11:00') });
    const response = await api.http.get(`/api/appointments/${booked.body.data.id}/patient-links`);
    expect(response.status).toBe(200);
    const { view, confirm, cancel, expiresAt } = response.body.data as Record<string, string>;
    expect(expiresAt).toBe(new Date(Date.parse(booked.body.data.end) + DAY_MS).toISOString());
    for (const [url, purpose] of [
      [view, 'view'],
      [confirm, 'confirm'],
      [cancel, 'cancel'],
    ] as const) {
      expect(url).toMatch(/^http:\/\/localhost:4321\/visit\//);
      const opened = await request(app).get(`/api/visit/${url!.split('/visit/')[1]}`);
      expect([opened.status, opened.body.data.purpose]).toEqual([200, purpose]);
    }
    const unknown = await api.http.get('/api/appointments/0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d/patient-links');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await request(app).get(`/api/appointments/${booked.body.data.id}/patient-links`)).status).toBe(401);
  });
});
