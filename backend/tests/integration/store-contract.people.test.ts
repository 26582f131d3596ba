import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import type { Store } from '../../src/store/store.js';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { doctorInput, patientInput, unique } from '../helpers/factories.js';

const engines = await availableEngines();

for (const engine of engines) {
  describe(`Store contract on ${engine.name}: doctors, patients, idempotency, health`, () => {
    let opened: OpenedStore;
    let store: Store;
    beforeAll(async () => {
      opened = await engine.open();
      store = opened.store;
    });
    afterAll(() => opened?.cleanup());

    it('creates a doctor and reads it back by id', async () => {
      const created = await store.doctors.create(doctorInput({ name: 'Dr. Contract Reader', slotMinutes: 20 }));
      const read = await store.doctors.get(created.id);
      expect(read).toMatchObject({ id: created.id, name: 'Dr. Contract Reader', slotMinutes: 20, schedule: null });
      expect(read?.createdAt).toBeInstanceOf(Date);
    });

    it('returns null for an unknown id of either engine format', async () => {
      expect(await store.doctors.get('507f1f77bcf86cd799439011')).toBeNull();
      expect(await store.patients.get('0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d')).toBeNull();
      expect(await store.appointments.get('507f1f77bcf86cd799439011')).toBeNull();
    });

    it('keeps a weekly schedule with several windows a day', async () => {
      const schedule = {
        weekly: {
          mon: [
            { start: '09:00', end: '12:00' },
            { start: '13:00', end: '17:00' },
          ],
        },
        daysOff: ['2026-12-25'],
      };
      const created = await store.doctors.create({ ...doctorInput(), schedule });
      expect((await store.doctors.get(created.id))?.schedule).toEqual(schedule);
    });

    it('updates only the given fields and bumps updatedAt', async () => {
      const created = await store.doctors.create(doctorInput({ specialty: 'Dermatology' }));
      const updated = await store.doctors.update(created.id, { slotMinutes: 45 });
      expect(updated).toMatchObject({ id: created.id, specialty: 'Dermatology', slotMinutes: 45 });
      expect(updated!.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
      expect(await store.doctors.update('507f1f77bcf86cd799439011', { slotMinutes: 45 })).toBeNull();
    });

    it('filters doctors by specialty without regard to case, searches names, and pages with a total', async () => {
      const tag = unique();
      for (const name of ['Alpha', 'Beta', 'Gamma'])
        await store.doctors.create(doctorInput({ name: `Dr. ${name} ${tag}`, specialty: `Neuro-${tag}` }));
      const bySpecialty = await store.doctors.list({ specialty: `NEURO-${tag}`, limit: 2, offset: 0 });
      expect(bySpecialty.total).toBe(3);
      expect(bySpecialty.items.map((doctor) => doctor.name)).toEqual([`Dr. Alpha ${tag}`, `Dr. Beta ${tag}`]);
      const secondPage = await store.doctors.list({ specialty: `neuro-${tag}`, limit: 2, offset: 2 });
      expect(secondPage.items.map((doctor) => doctor.name)).toEqual([`Dr. Gamma ${tag}`]);
      const byName = await store.doctors.list({ q: `gamma ${tag}`, limit: 10, offset: 0 });
      expect(byName.items).toHaveLength(1);
    });

    it('treats % and _ in a search as plain characters', async () => {
      const result = await store.doctors.list({ q: '%_%', limit: 10, offset: 0 });
      expect(result.total).toBe(0);
    });

    it('refuses a second patient with the same email in another case as DUPLICATE', async () => {
      const email = `Case.${unique()}@Example.org`;
      await store.patients.create(patientInput({ email }));
      const error = await store.patients.create(patientInput({ email: email.toLowerCase() })).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'DUPLICATE', status: 409 });
    });

    it('refuses an update that takes another patient’s email', async () => {
      const first = await store.patients.create(patientInput());
      const second = await store.patients.create(patientInput());
      await expect(store.patients.update(second.id, { email: first.email!.toUpperCase() })).rejects.toMatchObject({ code: 'DUPLICATE' });
      expect((await store.patients.get(second.id))?.email).toBe(second.email);
    });

    it('searches patients by name or email and keeps the date of birth as a plain date', async () => {
      const tag = unique();
      const patient = await store.patients.create({
        name: `Zoe ${tag}`,
        email: `z.${tag}@example.org`,
        phone: '+44 7700 900000',
        dateOfBirth: '1990-02-28',
      });
      expect((await store.patients.list({ q: `z.${tag}@`, limit: 10, offset: 0 })).items.map((p) => p.id)).toEqual([patient.id]);
      expect((await store.patients.list({ q: `ZOE ${tag}`, limit: 10, offset: 0 })).items.map((p) => p.id)).toEqual([patient.id]);
      expect((await store.patients.get(patient.id))?.dateOfBirth).toBe('1990-02-28');
    });

    it('reads a booking’s doctor and patient together, as the single reads return them', async () => {
      const doctor = await store.doctors.create({ ...doctorInput(), schedule: { weekly: { tue: [{ start: '10:00', end: '14:00' }] } } });
      const patient = await store.patients.create({ ...patientInput(), phone: '+44 7700 900001', dateOfBirth: '2001-02-14' });
      const both = await store.appointments.participants(doctor.id, patient.id);
      expect(both).toEqual({ doctor: await store.doctors.get(doctor.id), patient: await store.patients.get(patient.id) });
      expect(both.doctor?.createdAt).toBeInstanceOf(Date);
      expect(await store.appointments.participants('507f1f77bcf86cd799439011', patient.id)).toEqual({
        doctor: null,
        patient: both.patient,
      });
      expect(await store.appointments.participants(doctor.id, '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d')).toEqual({
        doctor: both.doctor,
        patient: null,
      });
    });

    describe('idempotency records', () => {
      it('claims a new key, then reports it in progress to a second caller', async () => {
        const key = `key-${unique()}`;
        expect(await store.idempotency.begin(key, 'hash-a', 60_000)).toEqual({ state: 'started' });
        expect(await store.idempotency.begin(key, 'hash-b', 60_000)).toEqual({ state: 'in-progress', requestHash: 'hash-a' });
      });

      it('replays a completed response, and a second completion does not overwrite it', async () => {
        const key = `key-${unique()}`;
        await store.idempotency.begin(key, 'hash-a', 60_000);
        await store.idempotency.complete(key, { status: 400, body: { success: false, n: 1 } });
        await store.idempotency.complete(key, { status: 500, body: { n: 2 } });
        expect(await store.idempotency.begin(key, 'hash-a', 60_000)).toEqual({
          state: 'completed',
          requestHash: 'hash-a',
          response: { status: 400, body: { success: false, n: 1 } },
        });
      });

      it('frees a released key so a retry runs again', async () => {
        const key = `key-${unique()}`;
        await store.idempotency.begin(key, 'hash-a', 60_000);
        await store.idempotency.release(key);
        expect(await store.idempotency.begin(key, 'hash-a', 60_000)).toEqual({ state: 'started' });
      });

      it('lets a retry take over a claim whose holder went silent', async () => {
        const key = `key-${unique()}`;
        await store.idempotency.begin(key, 'hash-a', 60_000);
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(await store.idempotency.begin(key, 'hash-a', 10)).toEqual({ state: 'started' });
      });

      it('purges records past their expiry', async () => {
        const key = `key-${unique()}`;
        await store.idempotency.begin(key, 'hash-a', 60_000);
        const removed = await store.idempotency.purgeExpired(new Date(Date.now() + 25 * 60 * 60 * 1000));
        expect(removed).toBeGreaterThanOrEqual(1);
        expect(await store.idempotency.begin(key, 'hash-b', 60_000)).toEqual({ state: 'started' });
      });
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
