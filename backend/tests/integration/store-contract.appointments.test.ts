import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParticipantsChangedError, type Store } from '../../src/store/store.js';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at, booking, futureDate, makeDoctorAndPatient, patientInput } from '../helpers/factories.js';

const engines = await availableEngines();

/** The invariant itself: no two BOOKED appointments of one doctor overlap. */
async function overlapsOf(store: Store, doctorId: string) {
  const { items } = await store.appointments.list({ doctorId, statuses: ['BOOKED'], limit: 500, offset: 0 });
  return items.filter((a, i) => items.some((b, j) => j > i && a.start < b.end && b.start < a.end));
}

for (const engine of engines) {
  describe(`Store contract on ${engine.name}: appointments`, () => {
    let opened: OpenedStore;
    let store: Store;
    const day = futureDate(10);
    beforeAll(async () => {
      opened = await engine.open();
      store = opened.store;
    });
    afterAll(() => opened?.cleanup());

    it('books an appointment and returns it with the doctor and patient names', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const view = await store.appointments.book(booking(doctor, patient, at(day, '10:00'), at(day, '10:30'), 'Check-up'));
      expect(view).toMatchObject({ doctorId: doctor.id, patientId: patient.id, status: 'BOOKED', reason: 'Check-up' });
      expect(view.doctor).toEqual({ id: doctor.id, name: doctor.name, specialty: doctor.specialty });
      expect(await store.appointments.get(view.id)).toMatchObject({
        id: view.id,
        start: new Date(at(day, '10:00')),
        patient: { name: patient.name },
      });
    });

    it('refuses an interval that overlaps another by one minute with BOOKING_CONFLICT', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const other = await store.patients.create(patientInput());
      await store.appointments.book(booking(doctor, patient, at(day, '11:00'), at(day, '11:30')));
      await expect(store.appointments.book(booking(doctor, other, at(day, '11:29'), at(day, '12:00')))).rejects.toMatchObject({
        code: 'BOOKING_CONFLICT',
        status: 409,
      });
    });

    it('accepts back-to-back intervals because intervals are half-open', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const other = await store.patients.create(patientInput());
      await store.appointments.book(booking(doctor, patient, at(day, '12:00'), at(day, '12:30')));
      await expect(store.appointments.book(booking(doctor, other, at(day, '12:30'), at(day, '13:00')))).resolves.toMatchObject({
        status: 'BOOKED',
      });
    });

    it('refuses a patient in two places at once with PATIENT_CONFLICT', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const { doctor: second } = await makeDoctorAndPatient(store);
      await store.appointments.book(booking(doctor, patient, at(day, '14:00'), at(day, '14:30')));
      await expect(store.appointments.book(booking(second, patient, at(day, '14:15'), at(day, '14:45')))).rejects.toMatchObject({
        code: 'PATIENT_CONFLICT',
      });
    });

    it('cancels without deleting, frees the interval at once, and refuses a second cancel', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const first = await store.appointments.book(booking(doctor, patient, at(day, '15:00'), at(day, '15:30')));
      const cancelled = await store.appointments.cancel(first.id, 'Feeling better');
      expect(cancelled).toMatchObject({ id: first.id, status: 'CANCELLED', cancellationReason: 'Feeling better' });
      expect(cancelled.cancelledAt).toBeInstanceOf(Date);
      await expect(store.appointments.cancel(first.id, null)).rejects.toMatchObject({ code: 'ALREADY_CANCELLED', status: 409 });
      await expect(store.appointments.book(booking(doctor, patient, at(day, '15:00'), at(day, '15:30')))).resolves.toMatchObject({
        status: 'BOOKED',
      });
      expect((await store.appointments.get(first.id))?.status).toBe('CANCELLED');
    });

    it('reschedules in place, excluding itself from the overlap check, and refuses a taken time', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const other = await store.patients.create(patientInput());
      const moving = await store.appointments.book(booking(doctor, patient, at(day, '09:00'), at(day, '09:30')));
      await store.appointments.book(booking(doctor, other, at(day, '10:00'), at(day, '10:30')));
      const overlapsItself = await store.appointments.reschedule(moving.id, new Date(at(day, '09:15')), new Date(at(day, '09:45')));
      expect(overlapsItself).toMatchObject({
        id: moving.id,
        status: 'BOOKED',
        start: new Date(at(day, '09:15')),
        end: new Date(at(day, '09:45')),
      });
      await expect(store.appointments.reschedule(moving.id, new Date(at(day, '10:15')), new Date(at(day, '10:45')))).rejects.toMatchObject({
        code: 'BOOKING_CONFLICT',
      });
      expect((await store.appointments.get(moving.id))?.start).toEqual(new Date(at(day, '09:15')));
      await store.appointments.cancel(moving.id, null);
      await expect(store.appointments.reschedule(moving.id, new Date(at(day, '11:00')), new Date(at(day, '11:30')))).rejects.toMatchObject({
        code: 'ALREADY_CANCELLED',
      });
      await expect(
        store.appointments.reschedule('507f1f77bcf86cd799439011', new Date(at(day, '11:00')), new Date(at(day, '11:30'))),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('refuses to move a patient onto their own appointment with another doctor', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const { doctor: second } = await makeDoctorAndPatient(store);
      await store.appointments.book(booking(second, patient, at(day, '15:30'), at(day, '16:00')));
      const moving = await store.appointments.book(booking(doctor, patient, at(day, '14:30'), at(day, '15:00')));
      await expect(store.appointments.reschedule(moving.id, new Date(at(day, '15:45')), new Date(at(day, '16:15')))).rejects.toMatchObject({
        code: 'PATIENT_CONFLICT',
      });
    });

    it('lets one of many simultaneous moves into one free slot win', async () => {
      const { doctor } = await makeDoctorAndPatient(store);
      const patients = await Promise.all(Array.from({ length: 12 }, () => store.patients.create(patientInput())));
      const booked = await Promise.all(
        patients.map((patient, i) =>
          store.appointments.book(
            booking(
              doctor,
              patient,
              new Date(new Date(at(futureDate(12), '09:00')).getTime() + i * 30 * 60_000).toISOString(),
              new Date(new Date(at(futureDate(12), '09:00')).getTime() + (i + 1) * 30 * 60_000).toISOString(),
            ),
          ),
        ),
      );
      const target = [new Date(at(futureDate(13), '12:00')), new Date(at(futureDate(13), '12:30'))] as const;
      const results = await Promise.allSettled(booked.map((appointment) => store.appointments.reschedule(appointment.id, ...target)));
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const codes = results.flatMap((result) => (result.status === 'rejected' ? [(result.reason as { code?: string }).code] : []));
      expect(new Set(codes)).toEqual(new Set(['BOOKING_CONFLICT']));
      expect(await overlapsOf(store, doctor.id)).toEqual([]);
    });

    it('reports NOT_FOUND when cancelling an unknown appointment', async () => {
      await expect(store.appointments.cancel('507f1f77bcf86cd799439011', null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(store.appointments.cancel('0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d', null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('lists by doctor, patient, status and time window, oldest first or newest first', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const nextDay = futureDate(11);
      const a = await store.appointments.book(booking(doctor, patient, at(day, '09:00'), at(day, '09:30')));
      const b = await store.appointments.book(booking(doctor, patient, at(nextDay, '09:00'), at(nextDay, '09:30')));
      await store.appointments.cancel(b.id, null);
      const all = await store.appointments.list({ doctorId: doctor.id, limit: 10, offset: 0 });
      expect(all.items.map((x) => x.id)).toEqual([a.id, b.id]);
      expect(all.total).toBe(2);
      const newest = await store.appointments.list({ patientId: patient.id, newestFirst: true, limit: 10, offset: 0 });
      expect(newest.items.map((x) => x.id)).toEqual([b.id, a.id]);
      const booked = await store.appointments.list({ doctorId: doctor.id, statuses: ['BOOKED'], limit: 10, offset: 0 });
      expect(booked.items.map((x) => x.id)).toEqual([a.id]);
      const window = await store.appointments.list({
        doctorId: doctor.id,
        from: new Date(at(nextDay, '00:00')),
        to: new Date(at(nextDay, '23:59')),
        limit: 10,
        offset: 0,
      });
      expect(window.items.map((x) => x.id)).toEqual([b.id]);
      const paged = await store.appointments.list({ doctorId: doctor.id, limit: 1, offset: 1 });
      expect(paged).toMatchObject({ total: 2, items: [{ id: b.id }] });
    });

    it('reads a doctor with the BOOKED intervals that touch a window, and not cancelled ones', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const kept = await store.appointments.book(booking(doctor, patient, at(day, '10:00'), at(day, '10:30')));
      const dropped = await store.appointments.book(booking(doctor, patient, at(day, '11:00'), at(day, '11:30')));
      await store.appointments.cancel(dropped.id, null);
      const read = await store.appointments.doctorDay(doctor.id, new Date(at(day, '10:29')), new Date(at(day, '12:00')));
      expect(read).toEqual({ doctor: await store.doctors.get(doctor.id), booked: [{ start: kept.start, end: kept.end }], off: [] });
      expect((await store.appointments.doctorDay(doctor.id, new Date(at(day, '10:30')), new Date(at(day, '11:00')))).booked).toEqual([]);
      expect(
        await store.appointments.doctorDay('507f1f77bcf86cd799439011', new Date(at(day, '10:30')), new Date(at(day, '11:00'))),
      ).toEqual({ doctor: null, booked: [], off: [] });
    });

    it('stores the idempotent response together with the booking', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const key = `book-${doctor.id}`;
      await store.idempotency.begin(key, 'hash', 60_000);
      const view = await store.appointments.book(booking(doctor, patient, at(day, '16:00'), at(day, '16:30')), {
        key,
        render: (appointment) => ({ status: 201, body: { id: appointment.id } }),
      });
      expect(await store.idempotency.begin(key, 'hash', 60_000)).toEqual({
        state: 'completed',
        requestHash: 'hash',
        response: { status: 201, body: { id: view.id } },
      });
    });

    it('lets exactly one of 50 simultaneous bookings of one slot win', async () => {
      const { doctor } = await makeDoctorAndPatient(store);
      const patients = await Promise.all(Array.from({ length: 50 }, () => store.patients.create(patientInput())));
      const results = await Promise.allSettled(
        patients.map((patient) => store.appointments.book(booking(doctor, patient, at(day, '13:00'), at(day, '13:30')))),
      );
      const won = results.filter((result) => result.status === 'fulfilled');
      const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost.map((result) => (result.reason as { code?: string }).code)).toEqual(Array(49).fill('BOOKING_CONFLICT'));
      expect((await store.appointments.list({ doctorId: doctor.id, statuses: ['BOOKED'], limit: 100, offset: 0 })).total).toBe(1);
    });

    it('never keeps two overlapping BOOKED intervals among 30 simultaneous staggered bookings', async () => {
      const { doctor } = await makeDoctorAndPatient(store);
      const patients = await Promise.all(Array.from({ length: 30 }, () => store.patients.create(patientInput())));
      const base = new Date(at(day, '09:00')).getTime();
      const results = await Promise.allSettled(
        patients.map((patient, i) => {
          const start = new Date(base + i * 10 * 60_000).toISOString();
          return store.appointments.book(booking(doctor, patient, start, new Date(base + (i * 10 + 25) * 60_000).toISOString()));
        }),
      );
      const codes = results.flatMap((result) => (result.status === 'rejected' ? [(result.reason as { code?: string }).code] : []));
      expect(new Set(codes)).toEqual(new Set(['BOOKING_CONFLICT']));
      // Each winner blocks at most five of the staggered starts, so at least six must win.
      expect(results.filter((result) => result.status === 'fulfilled').length).toBeGreaterThanOrEqual(6);
      expect(await overlapsOf(store, doctor.id)).toEqual([]);
    });

    it('never double-books one patient across two doctors under concurrency', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const { doctor: second } = await makeDoctorAndPatient(store);
      const attempts = Array.from({ length: 20 }, (_, i) =>
        store.appointments.book(booking(i % 2 ? doctor : second, patient, at(day, '16:00'), at(day, '16:30'))),
      );
      const results = await Promise.allSettled(attempts);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const codes = results.flatMap((result) => (result.status === 'rejected' ? [(result.reason as { code?: string }).code] : []));
      expect(codes.filter((code) => code !== 'BOOKING_CONFLICT' && code !== 'PATIENT_CONFLICT')).toEqual([]);
      const { items } = await store.appointments.list({ patientId: patient.id, statuses: ['BOOKED'], limit: 100, offset: 0 });
      expect(items).toHaveLength(1);
    });

    it('books nothing when the doctor or the patient changed since the caller read them', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const edited = await store.doctors.update(doctor.id, { name: 'Dr. Renamed' });
      expect(edited!.updatedAt.getTime()).toBeGreaterThan(doctor.updatedAt.getTime());
      await expect(store.appointments.book(booking(doctor, patient, at(day, '09:00'), at(day, '09:30')))).rejects.toBeInstanceOf(
        ParticipantsChangedError,
      );
      const movedOn = await store.patients.update(patient.id, { phone: '+1 555 0100' });
      await expect(store.appointments.book(booking(edited!, patient, at(day, '09:00'), at(day, '09:30')))).rejects.toBeInstanceOf(
        ParticipantsChangedError,
      );
      expect((await store.appointments.list({ doctorId: doctor.id, limit: 10, offset: 0 })).total).toBe(0);
      await expect(store.appointments.book(booking(edited!, movedOn!, at(day, '09:00'), at(day, '09:30')))).resolves.toMatchObject({
        doctor: { name: 'Dr. Renamed' },
      });
    });

    it('gives every edit of a doctor a later version, even within one millisecond', async () => {
      const { doctor } = await makeDoctorAndPatient(store);
      const versions = [doctor.updatedAt.getTime()];
      for (const name of ['A', 'B', 'C'])
        versions.push((await store.doctors.update(doctor.id, { name: `Dr. ${name}` }))!.updatedAt.getTime());
      expect(new Set(versions).size).toBe(versions.length);
    });

    it('deletes everything on reset', async () => {
      await store.reset();
      expect((await store.doctors.list({ limit: 1, offset: 0 })).total).toBe(0);
      expect((await store.appointments.list({ limit: 1, offset: 0 })).total).toBe(0);
    });
  });
}
