import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBatcher, type BookingRow } from '../../src/store/sql/booking-batch.js';
import type { SqlDatabase } from '../../src/store/sql/db.js';
import { openPglite } from '../../src/store/sql/pglite.js';
import { openPostgres } from '../../src/store/sql/pg.js';
import { createSqlStore } from '../../src/store/sql/sql-store.js';
import type { Doctor, Patient, Store } from '../../src/store/store.js';
import { counting } from '../helpers/counting.js';
import { createPostgresDatabase, isPostgresReachable } from '../helpers/engines.js';
import { at, doctorInput, futureDate, patientInput } from '../helpers/factories.js';

type Opened = { db: SqlDatabase; cleanup: () => Promise<void> };

const engines: Array<{ name: string; open: () => Promise<Opened> }> = [
  {
    name: 'pglite',
    open: async () => {
      const db = await openPglite('pglite://memory');
      return { db, cleanup: () => db.close() };
    },
  },
];
if (await isPostgresReachable()) {
  engines.push({
    name: 'postgres',
    open: async () => {
      const database = await createPostgresDatabase();
      const db = await openPostgres(database.url, { max: 10 });
      return { db, cleanup: async () => (await db.close(), await database.drop()) };
    },
  });
}

const day = futureDate(12);

function row(doctor: Doctor, patient: Patient, start: string, minutes = 30, overrides: Partial<BookingRow> = {}): BookingRow {
  return {
    id: randomUUID(),
    doctorId: doctor.id,
    patientId: patient.id,
    start: new Date(start),
    end: new Date(new Date(start).getTime() + minutes * 60_000),
    reason: null,
    visitTypeId: null,
    bufferMinutes: 0,
    // The default site (migration 013).
    siteId: '00000000-0000-4000-8000-000000000001',
    createdAt: new Date(),
    doctorVersion: doctor.updatedAt,
    patientVersion: patient.updatedAt,
    key: null,
    statusCode: null,
    responseBody: null,
    audit: null,
    ...overrides,
  };
}

for (const engine of engines) {
  describe(`booking batches on ${engine.name}`, () => {
    let opened: Opened;
    let store: Store;
    beforeAll(async () => {
      opened = await engine.open();
      store = await createSqlStore(opened.db);
    });
    afterAll(() => opened?.cleanup());

    const people = async (count: number) => ({
      doctor: await store.doctors.create(doctorInput()),
      patients: await Promise.all(Array.from({ length: count }, () => store.patients.create(patientInput()))),
    });

    it('sends bookings that arrive together as one statement, and the first of each slot wins', async () => {
      const { doctor, patients } = await people(20);
      const { client, counter } = counting(opened.db);
      const book = bookingBatcher(client);
      // Ten pairs: each pair fights over one half-hour slot.
      const rows = patients.map((patient, i) =>
        row(doctor, patient, at(day, `${String(9 + Math.floor(i / 4)).padStart(2, '0')}:${i % 4 < 2 ? '00' : '30'}`)),
      );
      const outcomes = await Promise.all(rows.map(book));
      expect(counter.statements).toBe(1);
      expect(outcomes).toEqual(rows.map((_, i) => (i % 2 === 0 ? 'inserted' : 'taken')));
      const { items } = await store.appointments.list({ doctorId: doctor.id, statuses: ['BOOKED'], limit: 50, offset: 0 });
      expect(items.map((item) => item.id).sort()).toEqual(
        rows
          .filter((_, i) => i % 2 === 0)
          .map((r) => r.id)
          .sort(),
      );
    });

    it('tells a row whose doctor or patient changed apart from one whose time was taken', async () => {
      const { doctor, patients } = await people(2);
      const book = bookingBatcher(opened.db);
      const stale = row(doctor, patients[0]!, at(day, '14:00'), 30, { doctorVersion: new Date(doctor.updatedAt.getTime() - 1) });
      const fresh = row(doctor, patients[1]!, at(day, '14:00'));
      expect(await Promise.all([book(stale), book(fresh)])).toEqual(['changed', 'inserted']);
    });

    it('retries each row alone when one row fails the statement, so only that row fails', async () => {
      const { doctor, patients } = await people(3);
      const { client, counter } = counting(opened.db);
      const book = bookingBatcher(client);
      // The end before the start breaks the table's CHECK constraint and with it the whole statement.
      const broken = row(doctor, patients[1]!, at(day, '15:00'), -30);
      const good = [row(doctor, patients[0]!, at(day, '10:00')), row(doctor, patients[2]!, at(day, '11:00'))];
      const settled = await Promise.allSettled([book(good[0]!), book(broken), book(good[1]!)]);
      expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ code: '23514' });
      expect(counter.statements).toBe(4);
      const { items } = await store.appointments.list({ doctorId: doctor.id, limit: 50, offset: 0 });
      expect(items.map((item) => item.id).sort()).toEqual(good.map((r) => r.id).sort());
    });

    it('stores the idempotent response of inserted rows only', async () => {
      const { doctor, patients } = await people(2);
      const keys = [`batch-${randomUUID()}`, `batch-${randomUUID()}`];
      for (const key of keys) await store.idempotency.begin(key, 'hash', 60_000);
      const book = bookingBatcher(opened.db);
      const rows = keys.map((key, i) =>
        row(doctor, patients[i]!, at(day, '16:00'), 30, { key, statusCode: 201, responseBody: { data: { patient: patients[i]!.id } } }),
      );
      expect(await Promise.all(rows.map(book))).toEqual(['inserted', 'taken']);
      expect(await store.idempotency.begin(keys[0]!, 'hash', 60_000)).toEqual({
        state: 'completed',
        requestHash: 'hash',
        response: { status: 201, body: { data: { patient: patients[0]!.id } } },
      });
      expect(await store.idempotency.begin(keys[1]!, 'hash', 60_000)).toEqual({ state: 'in-progress', requestHash: 'hash' });
    });

    it('appends the audit record of inserted rows only, in the same statement', async () => {
      const { doctor, patients } = await people(3);
      const { client, counter } = counting(opened.db);
      const book = bookingBatcher(client);
      const actorId = `batch-${randomUUID()}`;
      const audited = (patient: Patient, start: string) => {
        const booked = row(doctor, patient, start);
        const audit = {
          actor_kind: 'token',
          actor_id: actorId,
          actor_label: 'batch',
          action: 'appointment.book',
          resource_type: 'appointment',
        };
        return {
          ...booked,
          audit: { ...audit, resource_id: booked.id, outcome: 'success' as const, correlation_id: null, client_address: null },
        };
      };
      // The second loses the first's slot; the third's doctor changed since it was read.
      const rows = [
        audited(patients[0]!, at(day, '13:00')),
        audited(patients[1]!, at(day, '13:00')),
        audited(patients[2]!, at(day, '13:30')),
      ];
      rows[2]!.doctorVersion = new Date(doctor.updatedAt.getTime() - 1);
      expect(await Promise.all(rows.map(book))).toEqual(['inserted', 'taken', 'changed']);
      expect(counter.statements).toBe(1);
      const { items } = await store.audit.list({ actorId, limit: 10, offset: 0 });
      expect(items.map((record) => [record.action, record.resourceId, record.outcome])).toEqual([
        ['appointment.book', rows[0]!.id, 'success'],
      ]);
      expect(await store.audit.verify()).toMatchObject({ ok: true });
    });
  });
}
