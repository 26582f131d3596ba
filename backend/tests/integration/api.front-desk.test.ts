import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate, unique } from '../helpers/factories.js';
import { apiClient, signInAs, testApp } from '../helpers/http.js';

const LONDON = 'Europe/London';
let opened: OpenedStore;
let app: ReturnType<typeof testApp>;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  opened = await openPgliteStore();
  app = testApp(opened.store, { config: { clinic: { timezone: LONDON, startHour: 9, endHour: 17, defaultSlotMinutes: 30 } } });
  api = apiClient(app);
});
afterAll(() => opened?.cleanup());

const day = futureDate(8, LONDON);
const slotStarts = (body: { data: { slots: Array<{ start: string }> } }) => body.data.slots.map((slot) => slot.start);
const patientCount = async () => (await opened.store.patients.list({ limit: 1, offset: 0 })).total;

describe('GET /api/availability?patientId=', () => {
  it('leaves out the times the patient is booked with another doctor, and only those', async () => {
    const [doctor, other, patient] = [await api.doctor(), await api.doctor(), await api.patient()];
    const booked = await api.http
      .post('/api/appointments')
      .send({ doctorId: other.id, patientId: patient.id, start: at(day, '10:15', LONDON), end: at(day, '10:45', LONDON) });
    expect(booked.status).toBe(201);

    const forPatient = await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${day}&patientId=${patient.id}`);
    expect(forPatient.status).toBe(200);
    expect(forPatient.body.data.slots).toHaveLength(14);
    expect(slotStarts(forPatient.body)).not.toContain(at(day, '10:00', LONDON));
    expect(slotStarts(forPatient.body)).not.toContain(at(day, '10:30', LONDON));
    expect(slotStarts(forPatient.body)).toContain(at(day, '11:00', LONDON));

    const withoutPatient = await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${day}`);
    expect(withoutPatient.body.data.slots).toHaveLength(16);
  });

  it('still offers a time the patient had but cancelled', async () => {
    const [doctor, other, patient] = [await api.doctor(), await api.doctor(), await api.patient()];
    const booked = await api.http
      .post('/api/appointments')
      .send({ doctorId: other.id, patientId: patient.id, start: at(day, '12:00', LONDON), end: at(day, '12:30', LONDON) });
    await api.http.post(`/api/appointments/${booked.body.data.id}/cancel`).send({});
    const response = await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${day}&patientId=${patient.id}`);
    expect(slotStarts(response.body)).toContain(at(day, '12:00', LONDON));
  });

  it('records the read of the patient’s bookings on the audit trail', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const response = await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${day}&patientId=${patient.id}`);
    expect(response.status).toBe(200);
    const { items } = await opened.store.audit.list({ limit: 10, offset: 0, resourceId: patient.id, action: 'appointment.list' });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ resourceType: 'patient', resourceId: patient.id });
  });

  it('refuses a doctor account the patient filter with 403: it would show the patient’s other bookings', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const { http } = await signInAs(app, opened.store, 'doctor', { doctorId: doctor.id });
    const refused = await http.get(`/api/availability?doctorId=${doctor.id}&date=${day}&patientId=${patient.id}`);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await http.get(`/api/availability?doctorId=${doctor.id}&date=${day}`)).status).toBe(200);
  });

  it('answers 404 for an unknown patient and 400 for a malformed id', async () => {
    const doctor = await api.doctor();
    const unknown = await api.http.get(
      `/api/availability?doctorId=${doctor.id}&date=${day}&patientId=0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d`,
    );
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const malformed = await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${day}&patientId=nope`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].path).toBe('patientId');
  });
});

describe('POST /api/patients without an email', () => {
  it('registers any number of patients with no email, answering email: null', async () => {
    const first = await api.http.post('/api/patients').send({ name: `Child ${unique()}` });
    const second = await api.http.post('/api/patients').send({ name: `Child ${unique()}`, email: null });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.data.email).toBeNull();
    expect((await opened.store.patients.get(second.body.data.id))?.email).toBeNull();
  });

  it('refuses a taken email as 409 DUPLICATE whose detail names the email field, writing nothing', async () => {
    const email = `Taken.${unique()}@example.org`;
    await api.patient({ email });
    const before = await patientCount();
    const response = await api.http.post('/api/patients').send({ name: 'Someone Else', email: email.toUpperCase() });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'DUPLICATE', details: [{ path: 'email', message: 'already registered' }] });
    expect(await patientCount()).toBe(before);
  });

  it('refuses an empty string as an email with 400 rather than storing it', async () => {
    const response = await api.http.post('/api/patients').send({ name: 'Empty Email', email: '' });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0]).toMatchObject({ path: 'email', message: 'must be a valid email address' });
  });

  it('removes an email with PATCH email: null', async () => {
    const patient = await api.patient();
    const response = await api.http.patch(`/api/patients/${patient.id}`).send({ email: null });
    expect([response.status, response.body.data.email]).toEqual([200, null]);
    expect((await opened.store.patients.get(patient.id))?.email).toBeNull();
  });
});
