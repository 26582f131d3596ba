import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate } from '../helpers/factories.js';
import { apiClient, testApp } from '../helpers/http.js';

const engines = await availableEngines();

for (const engine of engines) {
  describe(`Moving an appointment to another doctor on ${engine.name}`, () => {
    let opened: OpenedStore;
    let api: ReturnType<typeof apiClient>;
    const day = futureDate(27);
    const unknown = engine.name === 'mongodb' ? '0123456789abcdef01234567' : '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d';
    beforeAll(async () => {
      opened = await engine.open();
      api = apiClient(testApp(opened.store));
    });
    afterAll(() => opened?.cleanup());

    const starts = async (doctorId: string) =>
      ((await api.http.get(`/api/availability?doctorId=${doctorId}&date=${day}`)).body.data.slots as Array<{ start: string }>).map((slot) =>
        new Date(slot.start).toISOString(),
      );
    const iso = (time: string) => new Date(at(day, time)).toISOString();

    it('moves it under the new doctor’s hours and overlap rule, and frees the old doctor’s time at once', async () => {
      const [ada, bo] = [
        await api.doctor(),
        await api.doctor({ schedule: { weekly: { [weekdayOf(day)]: [{ start: '09:00', end: '12:00' }] } } }),
      ];
      const [ana, ben] = [await api.patient(), await api.patient()];
      const booked = await api.http.post('/api/appointments').send({ doctorId: ada.id, patientId: ana.id, start: at(day, '10:00') });
      expect(booked.status).toBe(201);
      expect(await starts(ada.id)).not.toContain(iso('10:00'));
      expect((await api.http.post('/api/appointments').send({ doctorId: bo.id, patientId: ben.id, start: at(day, '11:00') })).status).toBe(
        201,
      );

      const path = `/api/appointments/${booked.body.data.id}/reschedule`;
      const busy = await api.http.post(path).send({ start: at(day, '11:00'), doctorId: bo.id });
      expect([busy.status, busy.body.error.code]).toEqual([409, 'BOOKING_CONFLICT']);
      const closed = await api.http.post(path).send({ start: at(day, '14:00'), doctorId: bo.id });
      expect([closed.status, closed.body.error.code]).toEqual([422, 'OUTSIDE_WORKING_HOURS']);
      expect((await api.http.post(path).send({ start: at(day, '10:30'), doctorId: unknown })).status).toBe(404);

      const moved = await api.http.post(path).send({ start: at(day, '10:30'), doctorId: bo.id });
      expect(moved.status).toBe(200);
      expect(moved.body.data).toMatchObject({ doctorId: bo.id, doctor: { id: bo.id }, patientId: ana.id, status: 'BOOKED' });
      expect(await starts(ada.id)).toContain(iso('10:00'));
      expect(await starts(bo.id)).not.toContain(iso('10:30'));
      expect((await api.http.get(`/api/appointments?doctorId=${ada.id}`)).body.data).toEqual([]);
    });
  });
}

function weekdayOf(date: string): string {
  return ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date(`${date}T12:00:00Z`).getUTCDay()]!;
}
