import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/store/ports/audit.js';
import type { Store } from '../../src/store/store.js';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at, booking, futureDate, makeDoctorAndPatient } from '../helpers/factories.js';

const engines = await availableEngines();

const linkAudit: AuditEntry = {
  actorKind: 'patient-link',
  actorId: null,
  actorLabel: 'confirm',
  action: 'appointment.patient_confirm',
  resourceType: 'appointment',
  resourceId: null,
  outcome: 'success',
  correlationId: null,
  clientAddress: null,
};

for (const engine of engines) {
  describe(`Store contract on ${engine.name}: a patient's confirmation`, () => {
    let opened: OpenedStore;
    let store: Store;
    const day = futureDate(12);
    beforeAll(async () => {
      opened = await engine.open();
      store = opened.store;
    });
    afterAll(() => opened?.cleanup());

    it('stamps patientConfirmedAt once, with one audit record; a repeat keeps the first time', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const booked = await store.appointments.book(booking(doctor, patient, at(day, '09:00'), at(day, '09:30')));
      expect(booked.patientConfirmedAt).toBeNull();
      const first = new Date('2030-01-01T08:00:00Z');
      expect(await store.appointments.confirmByPatient(booked.id, first, linkAudit)).toMatchObject({
        status: 'BOOKED',
        patientConfirmedAt: first,
      });
      const again = await store.appointments.confirmByPatient(booked.id, new Date('2030-01-02T08:00:00Z'), linkAudit);
      expect(again?.patientConfirmedAt).toEqual(first);
      expect(await store.appointments.get(booked.id)).toMatchObject({ patientConfirmedAt: first });
      const records = await store.audit.list({ limit: 10, offset: 0, resourceId: booked.id, action: 'appointment.patient_confirm' });
      expect(records.items.map((record) => record.actorKind)).toEqual(['patient-link']);
    });

    it('answers null and writes nothing for a cancelled, unknown or malformed appointment', async () => {
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const booked = await store.appointments.book(booking(doctor, patient, at(day, '10:00'), at(day, '10:30')));
      await store.appointments.cancel(booked.id, null);
      expect(await store.appointments.confirmByPatient(booked.id, new Date(), linkAudit)).toBeNull();
      expect(await store.appointments.get(booked.id)).toMatchObject({ status: 'CANCELLED', patientConfirmedAt: null });
      const unknown = engine.name === 'mongodb' ? '0123456789abcdef01234567' : '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d';
      expect(await store.appointments.confirmByPatient(unknown, new Date(), linkAudit)).toBeNull();
      expect(await store.appointments.confirmByPatient('not-an-id', new Date(), linkAudit)).toBeNull();
      expect((await store.audit.list({ limit: 10, offset: 0, resourceId: booked.id, action: 'appointment.patient_confirm' })).total).toBe(
        0,
      );
    });
  });
}
