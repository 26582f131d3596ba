import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at, booking, futureDate, makeDoctorAndPatient, patientInput } from '../helpers/factories.js';

const engines = await availableEngines();

for (const engine of engines) {
  describe(`Store contract on ${engine.name}: visit types and buffers`, () => {
    let opened: OpenedStore;
    let store: Store;
    const day = futureDate(18);
    const unknown = engine.name === 'mongodb' ? '0123456789abcdef01234567' : '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d';
    beforeAll(async () => {
      opened = await engine.open();
      store = opened.store;
    });
    afterAll(() => opened?.cleanup());

    const newPatientType = (doctorId: string) =>
      store.visitTypes.create({ doctorId, name: 'New patient', durationMinutes: 45, bufferMinutes: 10, active: true });

    it('creates, lists by name, changes and reads visit types; null for an unknown doctor or id', async () => {
      const { doctor } = await makeDoctorAndPatient(store);
      const created = await newPatientType(doctor.id);
      const review = await store.visitTypes.create({
        doctorId: doctor.id,
        name: 'Follow-up',
        durationMinutes: 15,
        bufferMinutes: 0,
        active: true,
      });
      expect(created).toMatchObject({ doctorId: doctor.id, name: 'New patient', durationMinutes: 45, bufferMinutes: 10, active: true });
      expect((await store.visitTypes.list(doctor.id)).map((type) => type.name)).toEqual(['Follow-up', 'New patient']);
      const changed = await store.visitTypes.update(review!.id, { bufferMinutes: 5, active: false });
      expect(changed).toMatchObject({ name: 'Follow-up', durationMinutes: 15, bufferMinutes: 5, active: false });
      expect(await store.visitTypes.get(review!.id)).toEqual(changed);
      expect(
        await store.visitTypes.create({ doctorId: unknown, name: 'X', durationMinutes: 15, bufferMinutes: 0, active: true }),
      ).toBeNull();
      expect(await store.visitTypes.get(unknown)).toBeNull();
      expect(await store.visitTypes.update(unknown, { name: 'Y' })).toBeNull();
      expect(await store.visitTypes.remove(unknown)).toBeNull();
    });

    it('keeps the doctor busy through the buffer, but not the patient', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const visitType = (await newPatientType(doctor.id))!;
      const first = await store.appointments.book({
        ...booking(doctor, patient, at(day, '10:00'), at(day, '10:45')),
        visitType: { id: visitType.id, name: visitType.name },
        bufferMinutes: 10,
      });
      expect(first).toMatchObject({ visitType: { id: visitType.id, name: 'New patient' }, visitTypeId: visitType.id, bufferMinutes: 10 });
      expect(await store.appointments.get(first.id)).toMatchObject({
        visitType: { id: visitType.id, name: 'New patient' },
        bufferMinutes: 10,
      });

      const other = await store.patients.create(patientInput());
      // 10:45-10:55 is the buffer: the doctor cannot take another patient then.
      await expect(store.appointments.book(booking(doctor, other, at(day, '10:50'), at(day, '11:20')))).rejects.toMatchObject({
        code: 'BOOKING_CONFLICT',
      });
      expect(await store.appointments.book(booking(doctor, other, at(day, '10:55'), at(day, '11:25')))).toMatchObject({ status: 'BOOKED' });
      // The patient is free once the visit ends, buffer or not.
      const { doctor: colleague } = await makeDoctorAndPatient(store);
      expect(await store.appointments.book(booking(colleague, patient, at(day, '10:45'), at(day, '11:00')))).toMatchObject({
        status: 'BOOKED',
      });

      const busy = await store.appointments.doctorDay(doctor.id, new Date(at(day, '00:00')), new Date(at(day, '23:59')));
      expect(busy.booked).toEqual([
        { start: new Date(at(day, '10:00')), end: new Date(at(day, '10:55')) },
        { start: new Date(at(day, '10:55')), end: new Date(at(day, '11:25')) },
      ]);
    });

    it('moves an appointment with its buffer, and refuses a move whose buffer runs into another booking', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const visitType = (await newPatientType(doctor.id))!;
      const moving = await store.appointments.book({
        ...booking(doctor, patient, at(day, '13:00'), at(day, '13:45')),
        visitType: { id: visitType.id, name: visitType.name },
        bufferMinutes: 10,
      });
      const other = await store.patients.create(patientInput());
      await store.appointments.book(booking(doctor, other, at(day, '15:00'), at(day, '15:30')));
      await expect(store.appointments.reschedule(moving.id, new Date(at(day, '14:10')), new Date(at(day, '14:55')))).rejects.toMatchObject({
        code: 'BOOKING_CONFLICT',
      });
      const moved = await store.appointments.reschedule(moving.id, new Date(at(day, '14:05')), new Date(at(day, '14:50')));
      expect(moved).toMatchObject({ bufferMinutes: 10, visitType: { id: visitType.id } });
    });

    it('refuses a booking whose buffer runs into time off', async () => {
      const { doctor: before, patient } = await makeDoctorAndPatient(store);
      await store.timeOff.create({
        doctorId: before.id,
        start: new Date(at(day, '12:00')),
        end: new Date(at(day, '13:00')),
        reason: 'other',
      });
      // Time off makes a new version of the doctor, which a booking must have read.
      const doctor = (await store.doctors.get(before.id))!;
      await expect(
        store.appointments.book({ ...booking(doctor, patient, at(day, '11:10'), at(day, '11:55')), bufferMinutes: 10 }),
      ).rejects.toMatchObject({ code: 'OUTSIDE_WORKING_HOURS' });
      expect(
        await store.appointments.book({ ...booking(doctor, patient, at(day, '11:05'), at(day, '11:50')), bufferMinutes: 10 }),
      ).toMatchObject({
        status: 'BOOKED',
      });
    });

    it('deletes an unused visit type and keeps a used one, inactive, with the appointment still naming it', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const unused = (await newPatientType(doctor.id))!;
      const used = (await store.visitTypes.create({
        doctorId: doctor.id,
        name: 'Review',
        durationMinutes: 20,
        bufferMinutes: 0,
        active: true,
      }))!;
      const appointment = await store.appointments.book({
        ...booking(doctor, patient, at(day, '16:00'), at(day, '16:20')),
        visitType: { id: used.id, name: used.name },
      });
      expect(await store.visitTypes.remove(unused.id)).toBe('deleted');
      expect(await store.visitTypes.get(unused.id)).toBeNull();
      expect(await store.visitTypes.remove(used.id)).toBe('deactivated');
      expect(await store.visitTypes.get(used.id)).toMatchObject({ active: false });
      expect(await store.appointments.get(appointment.id)).toMatchObject({ visitType: { id: used.id, name: 'Review' } });
    });
  });
}
