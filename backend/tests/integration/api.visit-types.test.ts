import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate } from '../helpers/factories.js';
import { apiClient, testApp } from '../helpers/http.js';

const engines = await availableEngines();
const NEW_YORK = 'America/New_York';
const LONDON = 'Europe/London';

type Slot = { start: string; end: string };

for (const engine of engines) {
  describe(`Visit types over HTTP on ${engine.name}`, () => {
    let opened: OpenedStore;
    let api: ReturnType<typeof apiClient>;
    let newYork: ReturnType<typeof apiClient>;
    let london: ReturnType<typeof apiClient>;
    const day = futureDate(20);
    const unknown = engine.name === 'mongodb' ? '0123456789abcdef01234567' : '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d';
    beforeAll(async () => {
      opened = await engine.open();
      api = apiClient(testApp(opened.store));
      newYork = apiClient(
        testApp(opened.store, { config: { clinic: { timezone: NEW_YORK, startHour: 9, endHour: 17, defaultSlotMinutes: 30 } } }),
      );
      london = apiClient(
        testApp(opened.store, { config: { clinic: { timezone: LONDON, startHour: 9, endHour: 17, defaultSlotMinutes: 30 } } }),
      );
    });
    afterAll(() => opened?.cleanup());

    const addType = async (
      doctorId: string,
      body: Record<string, unknown> = { name: 'New patient', durationMinutes: 45, bufferMinutes: 10 },
    ) => {
      const response = await api.http.post(`/api/doctors/${doctorId}/visit-types`).send(body);
      expect(response.status).toBe(201);
      return response.body.data as { id: string; name: string; durationMinutes: number; bufferMinutes: number; active: boolean };
    };
    const book = (body: Record<string, unknown>) => api.http.post('/api/appointments').send(body);

    it('adds, lists, changes and removes visit types, with the field errors and 404s an integrator expects', async () => {
      const doctor = await api.doctor();
      const created = await addType(doctor.id, { name: 'Follow-up', durationMinutes: 15 });
      expect(created).toMatchObject({ name: 'Follow-up', durationMinutes: 15, bufferMinutes: 0, active: true, doctorId: doctor.id });
      expect(created.id).toBe((created as unknown as { _id: string })._id);

      const bad = await api.http
        .post(`/api/doctors/${doctor.id}/visit-types`)
        .send({ name: '', durationMinutes: 3, bufferMinutes: -1, colour: 'red' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_ERROR');
      expect(bad.body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(
        expect.arrayContaining(['bufferMinutes', 'durationMinutes', 'name']),
      );
      expect((await api.http.post(`/api/doctors/${unknown}/visit-types`).send({ name: 'X', durationMinutes: 15 })).status).toBe(404);
      expect((await api.http.get(`/api/doctors/${unknown}/visit-types`)).status).toBe(404);

      const changed = await api.http.patch(`/api/visit-types/${created.id}`).send({ bufferMinutes: 5 });
      expect(changed.status).toBe(200);
      expect(changed.body.data).toMatchObject({ name: 'Follow-up', bufferMinutes: 5 });
      expect((await api.http.patch(`/api/visit-types/${created.id}`).send({})).status).toBe(400);
      expect((await api.http.patch(`/api/visit-types/${unknown}`).send({ name: 'Y' })).status).toBe(404);

      const listed = await api.http.get(`/api/doctors/${doctor.id}/visit-types`);
      expect(listed.body.data.map((type: { id: string }) => type.id)).toEqual([created.id]);
      expect((await api.http.delete(`/api/visit-types/${created.id}`)).status).toBe(204);
      expect((await api.http.delete(`/api/visit-types/${created.id}`)).status).toBe(404);
      expect((await api.http.get(`/api/doctors/${doctor.id}/visit-types`)).body.data).toEqual([]);
    });

    it('books with a visit type: its length by default, its buffer held, and the whole of it inside working hours', async () => {
      const doctor = await api.doctor();
      const [ana, ben] = [await api.patient(), await api.patient()];
      const type = await addType(doctor.id);
      const booked = await book({ doctorId: doctor.id, patientId: ana.id, start: at(day, '10:00'), visitTypeId: type.id });
      expect(booked.status).toBe(201);
      expect(booked.body.data).toMatchObject({
        visitType: { id: type.id, name: 'New patient' },
        bufferMinutes: 10,
      });
      expect(new Date(booked.body.data.end).toISOString()).toBe(new Date(at(day, '10:45')).toISOString());

      const inBuffer = await book({ doctorId: doctor.id, patientId: ben.id, start: at(day, '10:50') });
      expect(inBuffer.status).toBe(409);
      expect(inBuffer.body.error.code).toBe('BOOKING_CONFLICT');
      expect((await book({ doctorId: doctor.id, patientId: ben.id, start: at(day, '10:55') })).status).toBe(201);

      // 16:10 + 45 minutes ends at 16:55, but the buffer runs to 17:05, past the end of the day.
      const late = await book({ doctorId: doctor.id, patientId: ben.id, start: at(day, '16:10'), visitTypeId: type.id });
      expect(late.status).toBe(422);
      expect(late.body.error.code).toBe('OUTSIDE_WORKING_HOURS');

      const wrongEnd = await book({
        doctorId: doctor.id,
        patientId: ben.id,
        start: at(day, '14:00'),
        end: at(day, '14:30'),
        visitTypeId: type.id,
      });
      expect(wrongEnd.status).toBe(400);
      expect(wrongEnd.body.error.details[0].path).toBe('end');
      const matchingEnd = await book({
        doctorId: doctor.id,
        patientId: ben.id,
        start: at(day, '14:00'),
        end: at(day, '14:45'),
        visitTypeId: type.id,
      });
      expect(matchingEnd.status).toBe(201);
    });

    it('refuses a visit type that is unknown (404), another doctor’s or inactive (400), and writes nothing', async () => {
      const [doctor, other] = [await api.doctor(), await api.doctor()];
      const patient = await api.patient();
      const othersType = await addType(other.id);
      const inactive = await addType(doctor.id, { name: 'Retired', durationMinutes: 30, active: false });
      const attempts = [
        [unknown, 404, 'NOT_FOUND'],
        [othersType.id, 400, 'VALIDATION_ERROR'],
        [inactive.id, 400, 'VALIDATION_ERROR'],
      ] as const;
      for (const [visitTypeId, status, code] of attempts) {
        const response = await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '09:00'), visitTypeId });
        expect([response.status, response.body.error.code]).toEqual([status, code]);
        const availability = await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${day}&visitTypeId=${visitTypeId}`);
        expect(availability.status).toBe(status);
      }
      const listed = await api.http.get(`/api/appointments?doctorId=${doctor.id}`);
      expect(listed.body.data).toEqual([]);
    });

    it('offers only starts where the visit and its buffer fit, on the doctor’s grid', async () => {
      const doctor = await api.doctor({
        schedule: {
          weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '09:00', end: '12:00' }]])),
        },
      });
      const type = await addType(doctor.id);
      const patient = await api.patient();
      expect((await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '10:30'), end: at(day, '11:00') })).status).toBe(201);

      const response = await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${day}&visitTypeId=${type.id}`);
      expect(response.status).toBe(200);
      expect(response.body.data).toMatchObject({ slotMinutes: 45, bufferMinutes: 10, visitTypeId: type.id });
      // 09:00 needs the doctor until 09:55; 09:30 until 10:25; 11:00 until 11:55. 09:45 would run into 10:30.
      const slots = response.body.data.slots as Slot[];
      expect(slots.map((slot) => new Date(slot.start).toISOString())).toEqual(
        ['09:00', '09:30', '11:00'].map((time) => new Date(at(day, time)).toISOString()),
      );
      expect(new Date(slots[0]!.end).toISOString()).toBe(new Date(at(day, '09:45')).toISOString());
    });

    it('lets exactly one of two bookings whose buffers collide win, for every doctor at once', async () => {
      const doctors = await Promise.all(Array.from({ length: 5 }, () => api.doctor()));
      const types = await Promise.all(
        doctors.map((doctor) => addType(doctor.id, { name: 'Long', durationMinutes: 30, bufferMinutes: 15 })),
      );
      const patients = await Promise.all(Array.from({ length: 10 }, () => api.patient()));
      // 10:00 keeps the doctor until 10:45; 10:40 starts inside that buffer (the visits themselves do not overlap).
      const responses = await Promise.all(
        doctors.flatMap((doctor, n) =>
          ['10:00', '10:40'].map((time, k) =>
            book({ doctorId: doctor.id, patientId: patients[n * 2 + k]!.id, start: at(day, time), visitTypeId: types[n]!.id }),
          ),
        ),
      );
      for (let n = 0; n < doctors.length; n += 1) {
        const pair = responses
          .slice(n * 2, n * 2 + 2)
          .map((response) => response.status)
          .sort();
        expect(pair).toEqual([201, 409]);
        const held = await api.http.get(`/api/appointments?doctorId=${doctors[n]!.id}`);
        expect(held.body.data).toHaveLength(1);
      }
    });

    it('offers a visit type on the spring-forward and fall-back days of New York without inventing or repeating times', async () => {
      const everyDay = Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '00:30', end: '04:00' }]]),
      );
      const doctor = await newYork.doctor({ schedule: { weekly: everyDay } });
      const type = (
        await newYork.http.post(`/api/doctors/${doctor.id}/visit-types`).send({ name: 'Check', durationMinutes: 45, bufferMinutes: 15 })
      ).body.data as { id: string };
      const starts = async (date: string) =>
        (
          (await newYork.http.get(`/api/availability?doctorId=${doctor.id}&date=${date}&visitTypeId=${type.id}`)).body.data.slots as Slot[]
        ).map((slot) => new Date(slot.start).toISOString());
      // 14 March 2027: 02:00 EST becomes 03:00 EDT; the window holds 2.5 real hours, and 07:30 would end at 04:30 EDT.
      expect(await starts('2027-03-14')).toEqual(['05:30', '06:00', '06:30', '07:00'].map((time) => `2027-03-14T${time}:00.000Z`));
      // 7 November 2027: 02:00 EDT becomes 01:00 EST; the repeated 01:00 and 01:30 are offered once.
      expect(await starts('2027-11-07')).toEqual(
        ['04:30', '05:00', '05:30', '07:00', '07:30', '08:00'].map((time) => `2027-11-07T${time}:00.000Z`),
      );
    });
    it('offers a visit type on the spring-forward and fall-back nights of London without inventing or repeating times', async () => {
      const everyDay = Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '00:30', end: '03:00' }]]),
      );
      const doctor = await london.doctor({ schedule: { weekly: everyDay } });
      const type = (
        await london.http.post(`/api/doctors/${doctor.id}/visit-types`).send({ name: 'Check', durationMinutes: 45, bufferMinutes: 15 })
      ).body.data as { id: string };
      const starts = async (date: string) =>
        (
          (await london.http.get(`/api/availability?doctorId=${doctor.id}&date=${date}&visitTypeId=${type.id}`)).body.data.slots as Slot[]
        ).map((slot) => new Date(slot.start).toISOString());
      // 28 March 2027: 01:00 GMT becomes 02:00 BST; 00:30 to 03:00 is an hour and a half.
      expect(await starts('2027-03-28')).toEqual(['2027-03-28T00:30:00.000Z', '2027-03-28T01:00:00.000Z']);
      // 31 October 2027: 02:00 BST becomes 01:00 GMT; the repeated 01:00 and 01:30 are offered once.
      expect(await starts('2027-10-31')).toEqual([
        '2027-10-30T23:30:00.000Z',
        '2027-10-31T00:00:00.000Z',
        '2027-10-31T00:30:00.000Z',
        '2027-10-31T02:00:00.000Z',
      ]);
    });
  });
}
