import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayBounds } from '../../src/services/clinic-time.js';
import { openPostgres } from '../../src/store/sql/pg.js';
import { createSqlStore } from '../../src/store/sql/sql-store.js';
import type { Doctor, Patient, Store } from '../../src/store/store.js';
import { createPostgresDatabase, isPostgresReachable } from '../helpers/engines.js';
import { at, doctorInput, futureDate, patientInput } from '../helpers/factories.js';
import { outageProxy } from '../helpers/outage-proxy.js';
import { freePort } from '../helpers/processes.js';

const reachable = await isPostgresReachable();
if (!reachable) process.stdout.write('skipped: availability change-feed tests (no PostgreSQL server)\n');

const day = futureDate(8);
const bounds = dayBounds(day, 'UTC')!;

/** Retries the check until it passes or two seconds are up; another process hears of a write a moment later. */
async function eventually(check: () => Promise<void>) {
  const deadline = Date.now() + 2000;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe.runIf(reachable)('two stores on one PostgreSQL database, as two API processes have', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let writer: Store;
  let reader: Store;
  let proxy: ReturnType<typeof outageProxy>;
  let sql: pg.Client;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    writer = await createSqlStore(await openPostgres(database.url));
    // The reader reaches the server through a hop the test can cut.
    const port = await freePort();
    proxy = outageProxy(port);
    await proxy.up();
    const url = new URL(database.url);
    url.host = `127.0.0.1:${port}`;
    reader = await createSqlStore(await openPostgres(url.toString()));
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await Promise.all([writer?.close(), reader?.close()]);
    await proxy?.down();
    await database?.drop();
  });

  const people = async (): Promise<{ doctor: Doctor; patient: Patient }> => ({
    doctor: await writer.doctors.create(doctorInput()),
    patient: await writer.patients.create(patientInput()),
  });
  const book = (doctor: Doctor, patient: Patient, start: string) =>
    writer.appointments.book({
      doctor,
      patient,
      versions: { doctor: doctor.updatedAt, patient: patient.updatedAt },
      start: new Date(start),
      end: new Date(new Date(start).getTime() + 30 * 60_000),
      reason: null,
    });
  const hits = () => reader.dayCacheStats!().hits;
  const readerDay = (doctorId: string) => reader.appointments.doctorDay(doctorId, bounds.start, bounds.end);
  const bookedStarts = async (doctorId: string) => (await readerDay(doctorId)).booked.map((interval) => interval.start.toISOString());

  it('answers a doctor-day it has read from memory', async () => {
    const { doctor } = await people();
    await readerDay(doctor.id);
    const before = hits();
    expect((await readerDay(doctor.id)).doctor?.id).toBe(doctor.id);
    expect(hits()).toBe(before + 1);
  });

  it("hears of the other store's booking and cancellation of a day it had read", async () => {
    const { doctor, patient } = await people();
    expect(await bookedStarts(doctor.id)).toEqual([]);
    const booked = await book(doctor, patient, at(day, '10:00'));
    await eventually(async () => expect(await bookedStarts(doctor.id)).toEqual([at(day, '10:00')]));
    await writer.appointments.cancel(booked.id, null);
    await eventually(async () => expect(await bookedStarts(doctor.id)).toEqual([]));
  });

  it("hears of the other store's change to a doctor", async () => {
    const { doctor } = await people();
    expect((await readerDay(doctor.id)).doctor?.slotMinutes).toBe(30);
    await writer.doctors.update(doctor.id, { slotMinutes: 45 });
    await eventually(async () => expect((await readerDay(doctor.id)).doctor?.slotMinutes).toBe(45));
  });

  it('hears of a batch of bookings too large for one notice', async () => {
    const pairs = await Promise.all(Array.from({ length: 150 }, people));
    await Promise.all(pairs.map(({ doctor }) => readerDay(doctor.id)));
    await Promise.all(pairs.map(({ doctor, patient }) => book(doctor, patient, at(day, '11:00'))));
    await eventually(async () => {
      const days = await Promise.all(pairs.map(({ doctor }) => bookedStarts(doctor.id)));
      expect(days.filter((starts) => starts.length === 1)).toHaveLength(150);
    });
  });

  it('forgets everything on a bare NOTIFY, as an operator sends after editing rows by hand', async () => {
    const { doctor, patient } = await people();
    await readerDay(doctor.id);
    await sql.query(
      `INSERT INTO appointments (id, doctor_id, patient_id, start_at, end_at, status, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, 'BOOKED', now(), now())`,
      [doctor.id, patient.id, at(day, '13:00'), at(day, '13:30')],
    );
    await sql.query('NOTIFY clinic_day_changes');
    await eventually(async () => expect(await bookedStarts(doctor.id)).toEqual([at(day, '13:00')]));
  });

  it('serves nothing from memory while it cannot hear, and misses no write made meanwhile', async () => {
    const { doctor, patient } = await people();
    await readerDay(doctor.id);
    await proxy.down();
    // The lost connection is noticed a moment later, not in the same instant.
    await eventually(() => expect(readerDay(doctor.id)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' }));
    await book(doctor, patient, at(day, '15:00'));
    await proxy.up();
    await eventually(async () => expect(await bookedStarts(doctor.id)).toEqual([at(day, '15:00')]));
    // Once it hears again, it keeps days in memory again.
    await eventually(async () => {
      const before = hits();
      await readerDay(doctor.id);
      expect(hits()).toBe(before + 1);
    });
  });

  it('notices a connection that went silent, within seconds, and stops serving from memory', { timeout: 20_000 }, async () => {
    const { doctor } = await people();
    await readerDay(doctor.id);
    proxy.silence();
    const started = Date.now();
    // Its echo does not come back; from then on every read goes to the database, which cannot answer.
    while (reader.dayCacheStats!().serving) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(Date.now() - started).toBeLessThan(10_000);
    const before = reader.dayCacheStats!();
    const read = readerDay(doctor.id).catch(() => undefined);
    expect(reader.dayCacheStats!()).toMatchObject({ hits: before.hits, misses: before.misses + 1 });
    await proxy.down();
    await read;
    await proxy.up();
  });

  it('never serves from memory where its notices do not come back, as behind a pooler that drops them', async () => {
    // Notices go out through one database's pool and are listened for in another's: none arrives.
    const elsewhere = await createPostgresDatabase();
    const deafDb = await openPostgres(elsewhere.url);
    const deaf = await createSqlStore({ ...(await openPostgres(database.url)), listen: deafDb.listen! });
    try {
      const { doctor } = await people();
      for (let i = 0; i < 3; i += 1)
        expect((await deaf.appointments.doctorDay(doctor.id, bounds.start, bounds.end)).doctor?.id).toBe(doctor.id);
      expect(deaf.dayCacheStats!()).toMatchObject({ hits: 0, misses: 3, serving: false });
    } finally {
      await deaf.close();
      await deafDb.close();
      await elsewhere.drop();
    }
  });
});
