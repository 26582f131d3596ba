import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate } from '../helpers/factories.js';
import { apiClient, signInAs, testApp } from '../helpers/http.js';

const engines = await availableEngines();

for (const engine of engines) {
  describe(`Time off over HTTP on ${engine.name}`, () => {
    let opened: OpenedStore;
    let app: ReturnType<typeof testApp>;
    let api: ReturnType<typeof apiClient>;
    const day = futureDate(15);
    beforeAll(async () => {
      opened = await engine.open();
      app = testApp(opened.store);
      api = apiClient(app);
    });
    afterAll(() => opened?.cleanup());

    const slotStarts = async (doctorId: string, date = day) =>
      (await api.http.get(`/api/availability?doctorId=${doctorId}&date=${date}`)).body.data.slots.map(
        (slot: { start: string }) => slot.start,
      );
    const book = (doctorId: string, patientId: string, time: string) =>
      api.http.post('/api/appointments').send({ doctorId, patientId, start: at(day, time) });

    it('takes part of a day out of availability and refuses a booking in it with 422, listing what it covers', async () => {
      const [doctor, patient] = [await api.doctor(), await api.patient()];
      const kept = await book(doctor.id, patient.id, '14:00');
      expect(kept.status).toBe(201);

      const created = await api.http
        .post(`/api/doctors/${doctor.id}/time-off`)
        .send({ start: at(day, '13:00'), end: at(day, '17:00'), reason: 'training' });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({ doctorId: doctor.id, start: at(day, '13:00'), end: at(day, '17:00'), reason: 'training' });
      expect(created.body.data.id).toBe(created.body.data._id);
      expect(created.body.data.affected.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([
        [kept.body.data.id, 'BOOKED'],
      ]);

      const slots = await slotStarts(doctor.id);
      expect(slots).toContain(at(day, '12:30'));
      expect(slots.filter((start: string) => start >= at(day, '13:00'))).toEqual([]);
      const refused = await book(doctor.id, (await api.patient()).id, '15:00');
      expect([refused.status, refused.body.error.code, refused.body.error.message]).toEqual([
        422,
        'OUTSIDE_WORKING_HOURS',
        'The doctor is off at that time',
      ]);
      const moved = await api.http.post(`/api/appointments/${kept.body.data.id}/reschedule`).send({ start: at(day, '16:00') });
      expect([moved.status, moved.body.error.code]).toEqual([422, 'OUTSIDE_WORKING_HOURS']);
      expect((await api.http.get(`/api/appointments/${kept.body.data.id}`)).body.data).toMatchObject({
        status: 'BOOKED',
        start: at(day, '14:00'),
      });
    });

    it('spans several days, lists in start order, and gives the time back when removed', async () => {
      const doctor = await api.doctor();
      const [first, second] = [futureDate(20), futureDate(22)];
      const away = await api.http
        .post(`/api/doctors/${doctor.id}/time-off`)
        .send({ start: at(first, '00:00'), end: at(futureDate(23), '00:00'), reason: 'holiday' });
      const morning = await api.http
        .post(`/api/doctors/${doctor.id}/time-off`)
        .send({ start: at(futureDate(18), '09:00'), end: at(futureDate(18), '12:00'), reason: 'sick_leave' });
      expect([away.status, morning.status]).toEqual([201, 201]);
      expect(await slotStarts(doctor.id, second)).toEqual([]);

      const listed = await api.http.get(`/api/doctors/${doctor.id}/time-off`);
      expect(listed.body.data.map((t: { reason: string }) => t.reason)).toEqual(['sick_leave', 'holiday']);
      const later = await api.http.get(`/api/doctors/${doctor.id}/time-off?from=${at(futureDate(19), '00:00')}`);
      expect(later.body.data.map((t: { id: string }) => t.id)).toEqual([away.body.data.id]);

      expect((await api.http.delete(`/api/time-off/${away.body.data.id}`)).status).toBe(204);
      expect(await slotStarts(doctor.id, second)).toHaveLength(16);
      expect((await api.http.delete(`/api/time-off/${away.body.data.id}`)).status).toBe(404);
    });

    it.each([
      [{ start: '2031-01-02T10:00:00Z', end: '2031-01-02T09:00:00Z', reason: 'other' }, 'end'],
      [{ start: '2031-01-02T10:00:00Z', end: '2032-02-02T10:00:00Z', reason: 'other' }, 'end'],
      [{ start: '2031-01-02T10:00:00Z', end: '2031-01-02T11:00:00Z', reason: 'lunch' }, 'reason'],
      [{ start: 'soon', end: '2031-01-02T11:00:00Z', reason: 'other' }, 'start'],
      [{ start: '2031-01-02T10:00:00Z', end: '2031-01-02T11:00:00Z', reason: 'other', note: 'x' }, 'note'],
    ])('refuses %j with 400 on %s and writes nothing', async (body, path) => {
      const doctor = await api.doctor();
      const response = await api.http.post(`/api/doctors/${doctor.id}/time-off`).send(body);
      expect([response.status, response.body.error.code, response.body.error.details[0].path]).toEqual([400, 'VALIDATION_ERROR', path]);
      expect((await api.http.get(`/api/doctors/${doctor.id}/time-off`)).body.data).toEqual([]);
    });

    it('answers 404 for an unknown doctor, and lets a doctor account read only its own time off', async () => {
      const unknown = engine.name === 'mongodb' ? '0123456789abcdef01234567' : '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d';
      const missing = await api.http
        .post(`/api/doctors/${unknown}/time-off`)
        .send({ start: at(day, '09:00'), end: at(day, '10:00'), reason: 'other' });
      expect([missing.status, missing.body.error.code]).toEqual([404, 'NOT_FOUND']);

      const [mine, other] = [await api.doctor(), await api.doctor()];
      const { http } = await signInAs(app, opened.store, 'doctor', { doctorId: mine.id });
      expect((await http.get(`/api/doctors/${mine.id}/time-off`)).status).toBe(200);
      expect((await http.get(`/api/doctors/${other.id}/time-off`)).status).toBe(404);
      expect(
        (await http.post(`/api/doctors/${mine.id}/time-off`).send({ start: at(day, '09:00'), end: at(day, '10:00'), reason: 'other' }))
          .status,
      ).toBe(403);
    });

    it('never lets a booking racing the time off slip through unlisted', async () => {
      for (let round = 0; round < 5; round += 1) {
        const doctor = await api.doctor();
        const patients = await Promise.all(Array.from({ length: 6 }, () => api.patient()));
        const times = ['10:00', '10:30', '11:00', '11:30', '12:00', '12:30'];
        const [timeOff, ...bookings] = await Promise.all([
          api.http
            .post(`/api/doctors/${doctor.id}/time-off`)
            .send({ start: at(day, '10:00'), end: at(day, '13:00'), reason: 'sick_leave' }),
          ...times.map((time, index) => book(doctor.id, patients[index]!.id, time)),
        ]);
        expect(timeOff!.status).toBe(201);
        const listed = new Set(timeOff!.body.data.affected.map((a: { id: string }) => a.id));
        for (const booking of bookings) {
          expect([201, 422]).toContain(booking.status);
          if (booking.status === 201) expect(listed.has(booking.body.data.id)).toBe(true);
        }
        const held = await api.http.get(`/api/appointments?doctorId=${doctor.id}&date=${day}&status=BOOKED`);
        expect(held.body.data.map((a: { id: string }) => a.id).sort()).toEqual([...listed].sort());
      }
    });
  });
}
