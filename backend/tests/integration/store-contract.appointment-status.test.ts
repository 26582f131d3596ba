import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at, booking, futureDate, makeDoctorAndPatient, patientInput } from '../helpers/factories.js';

const engines = await availableEngines();

for (const engine of engines) {
  describe(`Store contract on ${engine.name}: front-desk statuses`, () => {
    let opened: OpenedStore;
    let store: Store;
    const day = futureDate(11);
    beforeAll(async () => {
      opened = await engine.open();
      store = opened.store;
    });
    afterAll(() => opened?.cleanup());

    const stamp = (status: 'CHECKED_IN' | 'COMPLETED' | 'NO_SHOW') => ({
      status,
      at: new Date('2030-01-01T09:01:00Z'),
      by: 'desk@example.org',
    });

    it('moves BOOKED to CHECKED_IN to COMPLETED, keeping each step’s time and author', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const booked = await store.appointments.book(booking(doctor, patient, at(day, '09:00'), at(day, '09:30')));
      const arrived = await store.appointments.setStatus(booked.id, 'BOOKED', stamp('CHECKED_IN'));
      expect(arrived).toMatchObject({
        status: 'CHECKED_IN',
        checkedInAt: new Date('2030-01-01T09:01:00Z'),
        checkedInBy: 'desk@example.org',
      });
      const seen = await store.appointments.setStatus(booked.id, 'CHECKED_IN', { ...stamp('COMPLETED'), by: 'dr@example.org' });
      expect(seen).toMatchObject({ status: 'COMPLETED', checkedInBy: 'desk@example.org', completedBy: 'dr@example.org', noShowAt: null });
      expect(await store.appointments.get(booked.id)).toMatchObject({ status: 'COMPLETED', patient: { name: patient.name } });
    });

    it('answers null and writes nothing when the appointment is not in the expected status, or unknown', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const booked = await store.appointments.book(booking(doctor, patient, at(day, '10:00'), at(day, '10:30')));
      expect(await store.appointments.setStatus(booked.id, 'CHECKED_IN', stamp('COMPLETED'))).toBeNull();
      expect(await store.appointments.get(booked.id)).toMatchObject({ status: 'BOOKED', completedAt: null });
      const unknown = engine.name === 'mongodb' ? '0123456789abcdef01234567' : '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d';
      expect(await store.appointments.setStatus(unknown, 'BOOKED', stamp('CHECKED_IN'))).toBeNull();
      expect(await store.appointments.setStatus('not-an-id', 'BOOKED', stamp('CHECKED_IN'))).toBeNull();
    });

    it('holds a checked-in time against overlaps; a no-show frees it for the doctor’s day and new bookings', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const other = await store.patients.create(patientInput());
      const first = await store.appointments.book(booking(doctor, patient, at(day, '11:00'), at(day, '11:30')));
      await store.appointments.setStatus(first.id, 'BOOKED', stamp('CHECKED_IN'));
      await expect(store.appointments.book(booking(doctor, other, at(day, '11:15'), at(day, '11:45')))).rejects.toMatchObject({
        code: 'BOOKING_CONFLICT',
      });
      const dayBounds = [new Date(at(day, '00:00')), new Date(at(day, '23:59'))] as const;
      expect((await store.appointments.doctorDay(doctor.id, ...dayBounds)).booked).toHaveLength(1);

      const second = await store.appointments.book(booking(doctor, other, at(day, '12:00'), at(day, '12:30')));
      await store.appointments.setStatus(second.id, 'BOOKED', stamp('NO_SHOW'));
      expect((await store.appointments.doctorDay(doctor.id, ...dayBounds)).booked).toEqual([
        { start: new Date(at(day, '11:00')), end: new Date(at(day, '11:30')) },
      ]);
      await expect(store.appointments.book(booking(doctor, patient, at(day, '12:00'), at(day, '12:30')))).resolves.toMatchObject({
        status: 'BOOKED',
      });
    });

    it('refuses to cancel or move a visit that has begun with INVALID_TRANSITION', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const booked = await store.appointments.book(booking(doctor, patient, at(day, '13:00'), at(day, '13:30')));
      await store.appointments.setStatus(booked.id, 'BOOKED', stamp('CHECKED_IN'));
      await expect(store.appointments.cancel(booked.id, null)).rejects.toMatchObject({ code: 'INVALID_TRANSITION', status: 409 });
      await expect(store.appointments.reschedule(booked.id, new Date(at(day, '14:00')), new Date(at(day, '14:30')))).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
      });
      expect(await store.appointments.get(booked.id)).toMatchObject({ status: 'CHECKED_IN', start: new Date(at(day, '13:00')) });
    });

    it('lists by several statuses at once', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const other = await store.patients.create(patientInput());
      const a = await store.appointments.book(booking(doctor, patient, at(day, '15:00'), at(day, '15:30')));
      const b = await store.appointments.book(booking(doctor, other, at(day, '15:30'), at(day, '16:00')));
      await store.appointments.setStatus(b.id, 'BOOKED', stamp('NO_SHOW'));
      const list = (statuses: Array<'BOOKED' | 'NO_SHOW' | 'CHECKED_IN'>) =>
        store.appointments.list({ doctorId: doctor.id, statuses, limit: 10, offset: 0 }).then((page) => page.items.map((item) => item.id));
      expect(await list(['BOOKED', 'NO_SHOW'])).toEqual([a.id, b.id]);
      expect(await list(['NO_SHOW'])).toEqual([b.id]);
      expect(await list(['CHECKED_IN'])).toEqual([]);
    });
  });
}
