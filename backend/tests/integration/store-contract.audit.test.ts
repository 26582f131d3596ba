import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHash } from '../../src/store/audit-chain.js';
import { openStore } from '../../src/store/open-store.js';
import type { AuditEntry } from '../../src/store/ports/audit.js';
import type { Doctor, Patient, Store } from '../../src/store/store.js';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate, makeDoctorAndPatient, patientInput, summary, unique } from '../helpers/factories.js';

const engines = await availableEngines();

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  actorKind: 'account',
  actorId: `acct-${unique()}`,
  actorLabel: 'desk@clinic.example',
  action: 'patient.read',
  resourceType: 'patient',
  resourceId: null,
  outcome: 'success',
  correlationId: `corr-${unique()}`,
  clientAddress: '127.0.0.1',
  ...overrides,
});

const booking = (doctor: Doctor, patient: Patient, start: string, minutes = 30) => ({
  doctor: summary(doctor) as { id: string; name: string; specialty: string },
  patient: summary({ id: patient.id, name: patient.name }),
  versions: { doctor: doctor.updatedAt, patient: patient.updatedAt },
  start: new Date(start),
  end: new Date(new Date(start).getTime() + minutes * 60_000),
  reason: null,
});

const recordsOf = async (store: Store, actorId: string) => (await store.audit.list({ actorId, limit: 500, offset: 0 })).items;

for (const engine of engines) {
  describe(`Store contract on ${engine.name}: audit trail`, () => {
    let opened: OpenedStore;
    let store: Store;
    const day = futureDate(11);
    beforeAll(async () => {
      opened = await engine.open();
      store = opened.store;
    });
    afterAll(() => opened?.cleanup());

    it('appends records with consecutive seqs, each carrying the hash of the one before', async () => {
      const actorId = `acct-${unique()}`;
      // Length-prefixed fields: separators and multi-byte text inside a field cannot shift the hash input.
      await store.audit.append(entry({ actorId, actorLabel: 'Zoë | 12:ab 🦷', resourceId: 'p-1' }));
      await store.audit.append(entry({ actorId, actorLabel: null, correlationId: null, clientAddress: null, outcome: 'denied' }));
      const [second, first] = await recordsOf(store, actorId);
      expect(first).toMatchObject({ actorLabel: 'Zoë | 12:ab 🦷', resourceId: 'p-1', outcome: 'success', action: 'patient.read' });
      expect(second).toMatchObject({ actorLabel: null, correlationId: null, clientAddress: null, outcome: 'denied' });
      expect(second!.seq).toBe(first!.seq + 1);
      expect(second!.prevHash).toBe(first!.hash);
      expect(first!.at).toBeInstanceOf(Date);
      expect(auditHash(first!)).toBe(first!.hash);
      expect(auditHash(second!)).toBe(second!.hash);
      expect(await store.audit.verify()).toEqual({ ok: true, checked: second!.seq });
    });

    it('filters by actor, resource, action and time, newest first, with a total', async () => {
      const actorId = `acct-${unique()}`;
      const resourceId = `p-${unique()}`;
      const before = new Date(Date.now() - 1000);
      await store.audit.append(entry({ actorId, action: 'patient.read', resourceId }));
      await store.audit.append(entry({ actorId, action: 'patient.list' }));
      await store.audit.append(entry({ actorId, action: 'patient.read', resourceId }));
      const mine = await store.audit.list({ actorId, limit: 2, offset: 0 });
      expect(mine.total).toBe(3);
      expect(mine.items.map((record) => record.action)).toEqual(['patient.read', 'patient.list']);
      expect(mine.items[0]!.seq).toBeGreaterThan(mine.items[1]!.seq);
      expect((await store.audit.list({ actorId, limit: 2, offset: 2 })).items).toHaveLength(1);
      expect((await store.audit.list({ resourceType: 'patient', resourceId, limit: 10, offset: 0 })).total).toBe(2);
      expect((await store.audit.list({ actorId, action: 'patient.list', limit: 10, offset: 0 })).total).toBe(1);
      expect((await store.audit.list({ actorId, from: before, limit: 10, offset: 0 })).total).toBe(3);
      expect((await store.audit.list({ actorId, to: before, limit: 10, offset: 0 })).total).toBe(0);
    });

    it('stores a patient write’s record with the write, naming the patient', async () => {
      const actorId = `acct-${unique()}`;
      const patient = await store.patients.create(patientInput(), entry({ actorId, action: 'patient.create' }));
      await store.patients.update(patient.id, { name: 'Renamed' }, entry({ actorId, action: 'patient.update', resourceId: patient.id }));
      const records = await recordsOf(store, actorId);
      expect(records.map(({ action, resourceType, resourceId }) => ({ action, resourceType, resourceId }))).toEqual([
        { action: 'patient.update', resourceType: 'patient', resourceId: patient.id },
        { action: 'patient.create', resourceType: 'patient', resourceId: patient.id },
      ]);
    });

    it('leaves no record of a write that was rolled back or found nothing', async () => {
      const actorId = `acct-${unique()}`;
      const existing = await store.patients.create(patientInput());
      await expect(
        store.patients.create(patientInput({ email: existing.email! }), entry({ actorId, action: 'patient.create' })),
      ).rejects.toMatchObject({
        code: 'DUPLICATE',
      });
      const other = await store.patients.create(patientInput());
      await expect(
        store.patients.update(other.id, { email: existing.email }, entry({ actorId, action: 'patient.update', resourceId: other.id })),
      ).rejects.toMatchObject({ code: 'DUPLICATE' });
      const unknown = engine.name === 'mongodb' ? '507f1f77bcf86cd799439011' : '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d';
      expect(
        await store.patients.update(unknown, { name: 'Nobody' }, entry({ actorId, action: 'patient.update', resourceId: unknown })),
      ).toBeNull();
      expect(await recordsOf(store, actorId)).toEqual([]);
    });

    it('stores booking, cancelling and rescheduling records with the appointment’s id, and none for a booking that lost', async () => {
      const actorId = `acct-${unique()}`;
      const { doctor, patient } = await makeDoctorAndPatient(store);
      const rival = await store.patients.create(patientInput());
      // Booked together, so on SQL they share one batch statement; the rival loses the slot.
      const [won, lost] = await Promise.allSettled([
        store.appointments.book(booking(doctor, patient, at(day, '09:00')), undefined, entry({ actorId, action: 'appointment.book' })),
        store.appointments.book(booking(doctor, rival, at(day, '09:00')), undefined, entry({ actorId, action: 'appointment.book' })),
      ]);
      expect(won.status).toBe('fulfilled');
      expect(lost).toMatchObject({ status: 'rejected', reason: { code: 'BOOKING_CONFLICT' } });
      const view = (won as PromiseFulfilledResult<{ id: string }>).value;
      const moved = entry({ actorId, action: 'appointment.reschedule', resourceId: view.id });
      await store.appointments.reschedule(view.id, new Date(at(day, '10:00')), new Date(at(day, '10:30')), undefined, moved);
      await store.appointments.cancel(view.id, null, undefined, entry({ actorId, action: 'appointment.cancel', resourceId: view.id }));
      await expect(
        store.appointments.cancel(view.id, null, undefined, entry({ actorId, action: 'appointment.cancel', resourceId: view.id })),
      ).rejects.toMatchObject({ code: 'ALREADY_CANCELLED' });
      const records = await recordsOf(store, actorId);
      expect(records.map(({ action, resourceId }) => [action, resourceId])).toEqual([
        ['appointment.cancel', view.id],
        ['appointment.reschedule', view.id],
        ['appointment.book', view.id],
      ]);
      expect(await store.audit.verify()).toMatchObject({ ok: true });
    });

    it('keeps one valid chain under many concurrent appends and writes from several store instances', async () => {
      // Other instances on the same database stand for other API processes; PGlite lives in one.
      const others =
        engine.name === 'pglite'
          ? []
          : await Promise.all(
              [1, 2].map(() =>
                openStore(engine.name === 'mongodb' ? { mongodbUri: opened.url, dataDir: '' } : { databaseUrl: opened.url, dataDir: '' }),
              ),
            );
      try {
        const stores = [store, ...others];
        const actorId = `acct-${unique()}`;
        const { doctor } = await makeDoctorAndPatient(store);
        const patients = await Promise.all(Array.from({ length: 12 }, () => store.patients.create(patientInput())));
        const appends = Array.from({ length: 150 }, (_, i) => stores[i % stores.length]!.audit.append(entry({ actorId })));
        const books = patients.map((patient, i) =>
          stores[i % stores.length]!.appointments.book(
            booking(
              doctor,
              patient,
              at(day, `${String(11 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`),
              15,
            ),
            undefined,
            entry({ actorId, action: 'appointment.book' }),
          ),
        );
        await Promise.all([...appends, ...books]);
        const records = await store.audit.list({ actorId, limit: 500, offset: 0 });
        expect(records.total).toBe(150 + patients.length);
        expect(new Set(records.items.map((record) => record.seq)).size).toBe(records.total);
        const verified = await store.audit.verify();
        expect(verified).toMatchObject({ ok: true });
        expect(verified.checked).toBeGreaterThanOrEqual(records.total);
      } finally {
        await Promise.all(others.map((other) => other.close()));
      }
    });

    it('empties the trail on reset and starts the chain again', async () => {
      await store.audit.append(entry());
      await store.reset();
      expect(await store.audit.verify()).toEqual({ ok: true, checked: 0 });
      await store.audit.append(entry({ action: 'patient.list' }));
      const { items } = await store.audit.list({ limit: 10, offset: 0 });
      expect(items.map((record) => record.seq)).toEqual([1]);
      expect(await store.audit.verify()).toEqual({ ok: true, checked: 1 });
    });
  });
}
