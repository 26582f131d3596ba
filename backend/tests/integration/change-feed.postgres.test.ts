import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayBounds } from '../../src/services/clinic-time.js';
import { openPostgres } from '../../src/store/sql/pg.js';
import { createSqlStore } from '../../src/store/sql/sql-store.js';
import type { Doctor, Patient, Store } from '../../src/store/store.js';
import { counting } from '../helpers/counting.js';
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
  let readerStatements: { statements: number };
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
    const { client, counter } = counting(await openPostgres(url.toString()));
    reader = await createSqlStore(client);
    readerStatements = counter;
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
  const readerDay = (doctorId: string) => reader.appointments.doctorDay(doctorId, bounds.start, bounds.end);
  const bookedStarts = async (doctorId: string) => (await readerDay(doctorId)).booked.map((interval) => interval.start.toISOString());

  it('answers a doctor-day it has read from memory', async () => {
    const { doctor } = await people();
    await readerDay(doctor.id);
    const before = readerStatements.statements;
    expect((await readerDay(doctor.id)).doctor?.id).toBe(doctor.id);
    expect(readerStatements.statements).toBe(before);
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
      const before = readerStatements.statements;
      await readerDay(doctor.id);
      expect(readerStatements.statements).toBe(before);
    });
  });

  it('notices a connection that went silent, within seconds, and stops serving from memory', { timeout: 20_000 }, async () => {
    const { doctor } = await people();
    await readerDay(doctor.id);
    proxy.silence();
    const started = Date.now();
    // Its heartbeat gets no answer; from then on every read goes to the database, which cannot answer.
    for (;;) {
      const before = readerStatements.statements;
      const read = readerDay(doctor.id).catch(() => undefined);
      if (readerStatements.statements > before) break;
      await read;
      expect(Date.now() - started).toBeLessThan(10_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await proxy.down();
    await proxy.up();
  });
});
