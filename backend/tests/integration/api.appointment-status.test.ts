import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate } from '../helpers/factories.js';
import { apiClient, signInAs, testApp } from '../helpers/http.js';

const engines = await availableEngines();
const UNKNOWN_ID = '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d';

for (const engine of engines) {
  describe(`Front-desk statuses over HTTP on ${engine.name}`, () => {
    let opened: OpenedStore;
    let app: ReturnType<typeof testApp>;
    let api: ReturnType<typeof apiClient>;
    const day = futureDate(9);
    beforeAll(async () => {
      opened = await engine.open();
      app = testApp(opened.store);
      api = apiClient(app);
    });
    afterAll(() => opened?.cleanup());

    const book = async (time = '10:00', people?: { doctorId: string; patientId: string }) => {
      const { doctorId, patientId } = people ?? { doctorId: (await api.doctor()).id, patientId: (await api.patient()).id };
      const response = await api.http.post('/api/appointments').send({ doctorId, patientId, start: at(day, time) });
      expect(response.status).toBe(201);
      return response.body.data as { id: string; doctorId: string; patientId: string };
    };
    const step = (id: string, name: string) => api.http.post(`/api/appointments/${id}/${name}`);

    it('checks a patient in and completes the visit, stamping each step with its time and the caller', async () => {
      const { id } = await book();
      const before = Date.now();
      const checkedIn = await step(id, 'check-in').send({});
      expect(checkedIn.status).toBe(200);
      expect(checkedIn.body.data).toMatchObject({ id, status: 'CHECKED_IN', checkedInBy: 'test-admin', completedAt: null, noShowAt: null });
      expect(Date.parse(checkedIn.body.data.checkedInAt)).toBeGreaterThanOrEqual(before - 1000);

      const completed = await step(id, 'complete');
      expect(completed.status).toBe(200);
      expect(completed.body.data).toMatchObject({
        status: 'COMPLETED',
        checkedInAt: checkedIn.body.data.checkedInAt,
        completedBy: 'test-admin',
      });
      expect((await api.http.get(`/api/appointments/${id}`)).body.data.status).toBe('COMPLETED');
    });

    it('marks a no-show and gives the time back to availability and to a new booking', async () => {
      const doctor = await api.doctor();
      const { id, doctorId } = await book('11:00', { doctorId: doctor.id, patientId: (await api.patient()).id });
      const slots = async () =>
        (await api.http.get(`/api/availability?doctorId=${doctorId}&date=${day}`)).body.data.slots.map((s: { start: string }) => s.start);
      expect(await slots()).not.toContain(at(day, '11:00'));

      const missed = await step(id, 'no-show').send();
      expect(missed.status).toBe(200);
      expect(missed.body.data).toMatchObject({ status: 'NO_SHOW', noShowBy: 'test-admin' });
      expect(await slots()).toContain(at(day, '11:00'));
      await book('11:00', { doctorId, patientId: (await api.patient()).id });
    });

    it('keeps a checked-in or completed visit’s time from other bookings of the doctor and the patient', async () => {
      const [doctor, patient] = [await api.doctor(), await api.patient()];
      const first = await book('12:00', { doctorId: doctor.id, patientId: patient.id });
      await step(first.id, 'check-in').expect(200);
      const sameDoctor = await api.http
        .post('/api/appointments')
        .send({ doctorId: doctor.id, patientId: (await api.patient()).id, start: at(day, '12:00') });
      expect([sameDoctor.status, sameDoctor.body.error.code]).toEqual([409, 'BOOKING_CONFLICT']);
      await step(first.id, 'complete').expect(200);
      const samePatient = await api.http
        .post('/api/appointments')
        .send({ doctorId: (await api.doctor()).id, patientId: patient.id, start: at(day, '12:00') });
      expect([samePatient.status, samePatient.body.error.code]).toEqual([409, 'PATIENT_CONFLICT']);
      const forPatient = await api.http.get(`/api/availability?doctorId=${(await api.doctor()).id}&date=${day}&patientId=${patient.id}`);
      expect(forPatient.body.data.slots.map((s: { start: string }) => s.start)).not.toContain(at(day, '12:00'));
    });

    it.each([
      ['complete', 'BOOKED', 'A booked appointment cannot be completed'],
      ['check-in', 'CHECKED_IN', 'A checked-in appointment cannot be checked in'],
      ['no-show', 'CHECKED_IN', 'A checked-in appointment cannot be marked as a no-show'],
      ['cancel', 'CHECKED_IN', 'A checked-in appointment cannot be cancelled'],
      ['reschedule', 'COMPLETED', 'A completed appointment cannot be rescheduled'],
      ['check-in', 'NO_SHOW', 'A no-show appointment cannot be checked in'],
    ])('refuses %s from %s with 409 INVALID_TRANSITION and changes nothing', async (name, status, message) => {
      const { id } = await book('14:00');
      const path = { CHECKED_IN: ['check-in'], COMPLETED: ['check-in', 'complete'], NO_SHOW: ['no-show'], BOOKED: [] }[status]!;
      for (const taken of path) await step(id, taken).expect(200);
      const before = (await api.http.get(`/api/appointments/${id}`)).body.data;
      const body = name === 'reschedule' ? { start: at(day, '15:00') } : {};
      const refused = await step(id, name).send(body);
      expect([refused.status, refused.body.error.code, refused.body.error.message]).toEqual([409, 'INVALID_TRANSITION', message]);
      expect((await api.http.get(`/api/appointments/${id}`)).body.data).toEqual(before);
    });

    it('answers a cancelled appointment’s step with ALREADY_CANCELLED, an unknown id with 404 and fields with 400', async () => {
      const { id } = await book('15:00');
      await api.http.post(`/api/appointments/${id}/cancel`).send({}).expect(200);
      const cancelled = await step(id, 'check-in');
      expect([cancelled.status, cancelled.body.error.code]).toEqual([409, 'ALREADY_CANCELLED']);
      const unknown = await step(UNKNOWN_ID, 'check-in');
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
      expect((await step('not-an-id', 'complete')).status).toBe(400);
      const { id: other } = await book('15:30');
      const extra = await step(other, 'check-in').send({ status: 'COMPLETED' });
      expect([extra.status, extra.body.error.code, extra.body.error.details[0].path]).toEqual([400, 'VALIDATION_ERROR', 'status']);
      expect((await api.http.get(`/api/appointments/${other}`)).body.data.status).toBe('BOOKED');
    });

    it('lets exactly one of ten simultaneous check-ins through', async () => {
      const { id } = await book('16:00');
      const answers = await Promise.all(Array.from({ length: 10 }, () => step(id, 'check-in').send({})));
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([200, ...Array<number>(9).fill(409)]);
      const audit = await opened.store.audit.list({ limit: 20, offset: 0, resourceId: id, action: 'appointment.check_in' });
      expect(audit.items.map((item) => item.outcome).sort()).toEqual([...Array<string>(9).fill('failure'), 'success']);
    });

    it('replays a step sent again with the same Idempotency-Key instead of refusing it', async () => {
      const { id } = await book('16:30');
      const first = await step(id, 'check-in').set('Idempotency-Key', `check-in-${id}`).send({});
      const again = await step(id, 'check-in').set('Idempotency-Key', `check-in-${id}`).send({});
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
    });

    it('filters the list by the new statuses', async () => {
      const doctor = await api.doctor();
      const arrived = await book('09:00', { doctorId: doctor.id, patientId: (await api.patient()).id });
      await book('09:30', { doctorId: doctor.id, patientId: (await api.patient()).id });
      await step(arrived.id, 'check-in').expect(200);
      const list = await api.http.get(`/api/appointments?doctorId=${doctor.id}&status=CHECKED_IN`);
      expect(list.body.data.map((a: { id: string }) => a.id)).toEqual([arrived.id]);
      expect((await api.http.get(`/api/appointments?doctorId=${doctor.id}&status=ARRIVED`)).status).toBe(400);
    });

    it('leaves the steps to the desk: a doctor account gets 403', async () => {
      const doctor = await api.doctor();
      const { id } = await book('13:00', { doctorId: doctor.id, patientId: (await api.patient()).id });
      const { http } = await signInAs(app, opened.store, 'doctor', { doctorId: doctor.id });
      expect((await http.post(`/api/appointments/${id}/check-in`).send({})).status).toBe(403);
      const staff = await signInAs(app, opened.store, 'staff');
      const done = await staff.http.post(`/api/appointments/${id}/check-in`).send({});
      expect([done.status, done.body.data.checkedInBy]).toEqual([200, staff.account.email]);
    });
  });
}
