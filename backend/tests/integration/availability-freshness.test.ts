import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate } from '../helpers/factories.js';
import { apiClient, testApp } from '../helpers/http.js';

const engines = await availableEngines();
const day = futureDate(5);
const nextDay = futureDate(6);

// Every test reads the day first, so a cached answer from before the write would be what it sees.
for (const engine of engines) {
  describe(`availability right after a write, on ${engine.name}`, () => {
    let opened: OpenedStore;
    let api: ReturnType<typeof apiClient>;
    beforeAll(async () => {
      opened = await engine.open();
      api = apiClient(testApp(opened.store));
    });
    afterAll(() => opened?.cleanup());

    const slots = async (doctorId: string, date = day) => {
      const response = await api.http.get(`/api/availability?doctorId=${doctorId}&date=${date}`);
      expect(response.status).toBe(200);
      return response.body.data.slots.map((slot: { start: string }) => slot.start) as string[];
    };
    const book = async (doctorId: string, patientId: string, start: string) => {
      const response = await api.http.post('/api/appointments').send({ doctorId, patientId, start });
      expect(response.status).toBe(201);
      return response.body.data.id as string;
    };

    it('drops a slot as soon as it is booked, and gives it back as soon as it is cancelled', async () => {
      const [doctor, patient] = [await api.doctor(), await api.patient()];
      expect(await slots(doctor.id)).toContain(at(day, '10:00'));
      const id = await book(doctor.id, patient.id, at(day, '10:00'));
      expect(await slots(doctor.id)).not.toContain(at(day, '10:00'));
      expect((await api.http.post(`/api/appointments/${id}/cancel`)).status).toBe(200);
      expect(await slots(doctor.id)).toContain(at(day, '10:00'));
    });

    it('frees the old day and fills the new one when an appointment moves between days', async () => {
      const [doctor, patient] = [await api.doctor(), await api.patient()];
      const id = await book(doctor.id, patient.id, at(day, '11:00'));
      expect(await slots(doctor.id, day)).not.toContain(at(day, '11:00'));
      expect(await slots(doctor.id, nextDay)).toContain(at(nextDay, '15:00'));
      const moved = await api.http.post(`/api/appointments/${id}/reschedule`).send({ start: at(nextDay, '15:00') });
      expect(moved.status).toBe(200);
      expect(await slots(doctor.id, day)).toContain(at(day, '11:00'));
      expect(await slots(doctor.id, nextDay)).not.toContain(at(nextDay, '15:00'));
    });

    it("follows a doctor's new slot length and weekly schedule at once", async () => {
      const doctor = await api.doctor();
      expect(await slots(doctor.id)).toHaveLength(16);
      expect((await api.http.put(`/api/doctors/${doctor.id}`).send({ slotMinutes: 60 })).status).toBe(200);
      expect(await slots(doctor.id)).toHaveLength(8);
      const weekday = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date(`${day}T12:00:00Z`).getUTCDay()]!;
      const schedule = { weekly: { [weekday]: [{ start: '13:00', end: '15:00' }] } };
      expect((await api.http.put(`/api/doctors/${doctor.id}`).send({ schedule })).status).toBe(200);
      expect(await slots(doctor.id)).toEqual([at(day, '13:00'), at(day, '14:00')]);
    });

    it('keeps the day as it was after a refused booking', async () => {
      const [doctor, first, second] = [await api.doctor(), await api.patient(), await api.patient()];
      await book(doctor.id, first.id, at(day, '12:00'));
      const before = await slots(doctor.id);
      const refused = await api.http.post('/api/appointments').send({ doctorId: doctor.id, patientId: second.id, start: at(day, '12:00') });
      expect([refused.status, refused.body.error.code]).toEqual([409, 'BOOKING_CONFLICT']);
      expect(await slots(doctor.id)).toEqual(before);
    });
  });
}
