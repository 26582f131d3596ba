import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at, booking, futureDate, makeDoctorAndPatient } from '../helpers/factories.js';

const engines = await availableEngines();

for (const engine of engines) {
  describe(`Store contract on ${engine.name}: time off`, () => {
    let opened: OpenedStore;
    let store: Store;
    const day = futureDate(16);
    const unknown = engine.name === 'mongodb' ? '0123456789abcdef01234567' : '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d';
    beforeAll(async () => {
      opened = await engine.open();
      store = opened.store;
    });
    afterAll(() => opened?.cleanup());

    it('creates time off, lists the held appointments inside it and leaves them as they are', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const inside = await store.appointments.book(booking(doctor, patient, at(day, '10:00'), at(day, '10:30')));
      const cancelled = await store.appointments.book(booking(doctor, patient, at(day, '11:00'), at(day, '11:30')));
      await store.appointments.cancel(cancelled.id, null);
      const outside = await store.appointments.book(booking(doctor, patient, at(day, '12:00'), at(day, '12:30')));

      const created = await store.timeOff.create({
        doctorId: doctor.id,
        start: new Date(at(day, '09:00')),
        end: new Date(at(day, '12:00')),
        reason: 'training',
      });
      expect(created?.timeOff).toMatchObject({
        doctorId: doctor.id,
        start: new Date(at(day, '09:00')),
        end: new Date(at(day, '12:00')),
        reason: 'training',
      });
      expect(created?.affected.map((a) => a.id)).toEqual([inside.id]);
      expect(await store.appointments.get(inside.id)).toMatchObject({ status: 'BOOKED' });
      expect(await store.appointments.get(outside.id)).toMatchObject({ status: 'BOOKED' });
      expect(await store.timeOff.get(created!.timeOff.id)).toEqual(created!.timeOff);
    });

    it('answers null for an unknown doctor, and refuses a booking or a move into time off with 422', async () => {
      expect(
        await store.timeOff.create({
          doctorId: unknown,
          start: new Date(at(day, '09:00')),
          end: new Date(at(day, '10:00')),
          reason: 'other',
        }),
      ).toBeNull();
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const before = await store.appointments.book(booking(doctor, patient, at(day, '15:00'), at(day, '15:30')));
      await store.timeOff.create({
        doctorId: doctor.id,
        start: new Date(at(day, '13:00')),
        end: new Date(at(day, '14:00')),
        reason: 'other',
      });
      const fresh = (await store.doctors.get(doctor.id))!;
      await expect(store.appointments.book(booking(fresh, patient, at(day, '13:30'), at(day, '14:00')))).rejects.toMatchObject({
        code: 'OUTSIDE_WORKING_HOURS',
        status: 422,
      });
      await expect(store.appointments.reschedule(before.id, new Date(at(day, '13:45')), new Date(at(day, '14:15')))).rejects.toMatchObject({
        code: 'OUTSIDE_WORKING_HOURS',
      });
      expect(await store.appointments.get(before.id)).toMatchObject({ start: new Date(at(day, '15:00')) });
    });

    it('reads time off with the doctor’s day, lists by window in start order, and removes it', async () => {
      const { doctor } = await makeDoctorAndPatient(store);
      const later = await store.timeOff.create({
        doctorId: doctor.id,
        start: new Date(at(day, '14:00')),
        end: new Date(at(day, '15:00')),
        reason: 'other',
      });
      const earlier = await store.timeOff.create({
        doctorId: doctor.id,
        start: new Date(at(day, '09:00')),
        end: new Date(at(day, '10:00')),
        reason: 'holiday',
      });
      const read = await store.appointments.doctorDay(doctor.id, new Date(at(day, '00:00')), new Date(at(day, '23:00')));
      expect(read.off).toEqual([
        { start: new Date(at(day, '09:00')), end: new Date(at(day, '10:00')) },
        { start: new Date(at(day, '14:00')), end: new Date(at(day, '15:00')) },
      ]);
      expect((await store.timeOff.list(doctor.id)).map((t) => t.id)).toEqual([earlier!.timeOff.id, later!.timeOff.id]);
      expect((await store.timeOff.list(doctor.id, new Date(at(day, '10:00')))).map((t) => t.id)).toEqual([later!.timeOff.id]);
      expect((await store.timeOff.list(doctor.id, undefined, new Date(at(day, '14:00')))).map((t) => t.id)).toEqual([earlier!.timeOff.id]);

      expect(await store.timeOff.remove(earlier!.timeOff.id)).toEqual(earlier!.timeOff);
      expect(await store.timeOff.remove(earlier!.timeOff.id)).toBeNull();
      expect((await store.appointments.doctorDay(doctor.id, new Date(at(day, '00:00')), new Date(at(day, '23:00')))).off).toHaveLength(1);
      expect(await store.timeOff.get('not-an-id')).toBeNull();
    });
  });
}
