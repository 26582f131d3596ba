import { mongo, Types } from 'mongoose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mongoAppointments } from '../../src/store/mongo/appointments.js';
import { bookingLockKeys } from '../../src/store/mongo/locks.js';
import { LONGEST_BUSY_MS } from '../../src/store/mongo/overlap.js';
import { mongoDoctors } from '../../src/store/mongo/people.js';
import { COMMIT_TIMEOUT_MS } from '../../src/store/mongo/retry.js';
import { cursorOf, stubbedMongo } from '../helpers/mongo-stubs.js';

const doctorId = new Types.ObjectId();
const patientId = new Types.ObjectId();
const version = new Date('2030-01-01T00:00:00Z');
const noSleep = async () => undefined;

const booking = (start: string, end: string) => ({
  doctor: { id: doctorId.toHexString(), name: 'Dr. A', specialty: 'GP' },
  patient: { id: patientId.toHexString(), name: 'Ana' },
  versions: { doctor: version, patient: version },
  start: new Date(start),
  end: new Date(end),
  reason: null,
});

// The server's WriteConflict on a lock document, as the driver raises it inside a transaction.
const writeConflict = () =>
  new mongo.MongoServerError({ code: 112, codeName: 'WriteConflict', errmsg: 'WriteConflict', errorLabels: ['TransientTransactionError'] });

/** A mongo whose participants are unchanged, whose time is free, and whose writes succeed. */
function freeClinic() {
  const mongo = stubbedMongo();
  mongo.stub('BookingLock', 'updateOne', async () => ({ acknowledged: true, matchedCount: 1, modifiedCount: 1, upsertedCount: 0 }));
  mongo.stub('Doctor', 'findOne', async () => ({ _id: doctorId, updatedAt: version }));
  mongo.stub('Patient', 'findOne', async () => ({ _id: patientId, updatedAt: version }));
  mongo.stub('Appointment', 'findOne', async () => null);
  mongo.stub('TimeOff', 'findOne', async () => null);
  mongo.stub('Appointment', 'insertOne', async () => ({ acknowledged: true, insertedId: new Types.ObjectId() }));
  mongo.stub('Doctor', 'find', () => cursorOf([{ _id: doctorId, name: 'Dr. A', specialty: 'GP' }]));
  mongo.stub('Patient', 'find', () => cursorOf([{ _id: patientId, name: 'Ana' }]));
  mongo.stub('Site', 'find', () => cursorOf([]));
  return mongo;
}

describe('Mongo booking locks: one per doctor and UTC day, one per patient and UTC day', () => {
  const [d, p] = [doctorId.toHexString(), patientId.toHexString()];

  it('takes one doctor lock and one patient lock for an appointment within one UTC day', () => {
    expect(bookingLockKeys(d, p, new Date('2030-05-06T10:00:00Z'), new Date('2030-05-06T10:30:00Z')).map((key) => key.id)).toEqual([
      `doctor:${d}:2030-05-06`,
      `patient:${p}:2030-05-06`,
    ]);
  });

  it('takes both days, in sorted order, for an appointment across UTC midnight', () => {
    expect(bookingLockKeys(d, p, new Date('2030-05-06T22:00:00Z'), new Date('2030-05-07T02:00:00Z')).map((key) => key.id)).toEqual([
      `doctor:${d}:2030-05-06`,
      `doctor:${d}:2030-05-07`,
      `patient:${p}:2030-05-06`,
      `patient:${p}:2030-05-07`,
    ]);
  });

  it('does not lock the next day for an appointment ending exactly at midnight (half-open)', () => {
    const keys = bookingLockKeys(d, p, new Date('2030-05-06T23:30:00Z'), new Date('2030-05-07T00:00:00Z'));
    expect(keys.map((key) => key.id)).toEqual([`doctor:${d}:2030-05-06`, `patient:${p}:2030-05-06`]);
  });

  it('lets the lock document of a day expire a week after the day ends', () => {
    const [key] = bookingLockKeys(d, p, new Date('2030-05-06T10:00:00Z'), new Date('2030-05-06T10:30:00Z'));
    expect(key!.expiresAt).toEqual(new Date('2030-05-14T00:00:00Z'));
  });

  it('writes the locks first, one after the other and in sorted order, before reading anything', async () => {
    const mongo = freeClinic();
    await mongoAppointments(mongo.connection, mongo.models).book(booking('2030-05-06T22:00:00Z', '2030-05-07T02:00:00Z'));
    const locks = mongo.calls.slice(0, 4);
    expect(locks.map((call) => [call.collection, call.method])).toEqual(Array(4).fill(['booking_locks', 'updateOne']));
    expect(locks.map((call) => (call.args[0] as { _id: string })._id)).toEqual([
      `doctor:${doctorId.toHexString()}:2030-05-06`,
      `doctor:${doctorId.toHexString()}:2030-05-07`,
      `patient:${patientId.toHexString()}:2030-05-06`,
      `patient:${patientId.toHexString()}:2030-05-07`,
    ]);
    expect(locks[0]!.args[2]).toMatchObject({ upsert: true, session: mongo.session });
  });
});

describe('Mongo overlap query', () => {
  it('bounds the scan below by the longest busy time, and reads the doctor busy through the buffer', async () => {
    const mongo = freeClinic();
    const input = { ...booking('2030-05-06T10:00:00Z', '2030-05-06T10:30:00Z'), bufferMinutes: 10 };
    await mongoAppointments(mongo.connection, mongo.models).book(input);
    const probes = mongo.callsTo('appointments', 'findOne').map((call) => call.args[0] as Record<string, unknown>);
    expect(probes).toHaveLength(2);
    const since = new Date(input.start.getTime() - LONGEST_BUSY_MS);
    expect(probes[0]).toMatchObject({
      doctorId,
      status: { $in: ['BOOKED', 'CHECKED_IN', 'COMPLETED', 'HELD'] },
      start: { $gt: since, $lt: new Date('2030-05-06T10:40:00Z') },
      busyUntil: { $gt: input.start },
    });
    expect(probes[1]).toMatchObject({
      patientId,
      status: { $in: ['BOOKED', 'CHECKED_IN', 'COMPLETED', 'HELD'] },
      start: { $gt: since, $lt: input.end },
      end: { $gt: input.start },
    });
    expect(LONGEST_BUSY_MS).toBe(12 * 60 * 60_000);
  });
});

describe('Mongo queries inside a transaction', () => {
  /** Counts how many name lookups are in flight at once. */
  function trackNameLookups(mongo: ReturnType<typeof stubbedMongo>) {
    const seen = { inFlight: 0, most: 0 };
    const slowCursor = (docs: unknown[]) => {
      seen.inFlight += 1;
      seen.most = Math.max(seen.most, seen.inFlight);
      return { toArray: () => new Promise((resolve) => setTimeout(() => (seen.inFlight--, resolve(docs)), 15)) };
    };
    mongo.stub('Doctor', 'find', () => slowCursor([]));
    mongo.stub('Patient', 'find', () => slowCursor([]));
    mongo.stub('Site', 'find', () => slowCursor([]));
    return seen;
  }

  const appointment = () => ({
    _id: new Types.ObjectId(),
    doctorId,
    patientId,
    start: new Date('2030-05-06T10:00:00Z'),
    end: new Date('2030-05-06T10:30:00Z'),
    status: 'CANCELLED',
    createdAt: version,
    updatedAt: version,
  });

  it('run one after the other on the session (the driver does not support concurrent ones)', async () => {
    const mongo = stubbedMongo();
    const seen = trackNameLookups(mongo);
    const doc = appointment();
    mongo.stub('Appointment', 'findOneAndUpdate', async () => doc);
    await mongoAppointments(mongo.connection, mongo.models).cancel(doc._id.toHexString(), null);
    expect(mongo.callsTo('doctors', 'find')[0]!.args[1]).toMatchObject({ session: mongo.session });
    expect(seen.most).toBe(1);
    expect(mongo.transaction).toEqual(['start', 'commit', 'end']);
  });

  it('still run side by side outside a transaction', async () => {
    const mongo = stubbedMongo();
    const seen = trackNameLookups(mongo);
    mongo.stub('Appointment', 'find', () => cursorOf([appointment()]));
    mongo.stub('Appointment', 'countDocuments', async () => 1);
    await mongoAppointments(mongo.connection, mongo.models).list({ limit: 10, offset: 0 });
    // Doctors, patients and sites (no visit type is named, so none is looked up).
    expect(seen.most).toBe(3);
  });
});

describe('Mongo booking when every attempt collides on a lock document', () => {
  const policy = { maxAttempts: 3, baseDelayMs: 0, sleep: noSleep };

  function contended(overlapAfterRetries: boolean) {
    const mongo = freeClinic();
    mongo.stub('BookingLock', 'updateOne', async () => Promise.reject(writeConflict()));
    mongo.stub('Appointment', 'findOne', async () => (overlapAfterRetries ? { _id: new Types.ObjectId() } : null));
    return mongo;
  }

  it('answers 409 BOOKING_CONFLICT when the time really is taken now', async () => {
    const mongo = contended(true);
    await expect(
      mongoAppointments(mongo.connection, mongo.models, policy).book(booking('2030-05-06T10:00:00Z', '2030-05-06T10:30:00Z')),
    ).rejects.toMatchObject({ code: 'BOOKING_CONFLICT', status: 409 });
    expect(mongo.callsTo('booking_locks', 'updateOne')).toHaveLength(3);
    // The check runs after the transaction, outside it.
    const check = mongo.callsTo('appointments', 'findOne')[0]!.args[1] as { session?: unknown };
    expect(check.session ?? null).toBeNull();
  });

  it('answers 503 SERVICE_UNAVAILABLE when nothing overlaps: the others only shared the lock', async () => {
    const mongo = contended(false);
    await expect(
      mongoAppointments(mongo.connection, mongo.models, policy).book(booking('2030-05-06T10:00:00Z', '2030-05-06T10:30:00Z')),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    expect(mongo.transaction.filter((step) => step === 'abort')).toHaveLength(3);
  });
});

describe('Mongo transaction and update options', () => {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => void warnings.push(warning.message);
  beforeEach(() => {
    warnings.length = 0;
    process.on('warning', onWarning);
  });
  afterEach(() => void process.off('warning', onWarning));

  it("asks for the updated document with returnDocument: 'after' and prints no deprecation warning", async () => {
    const mongo = stubbedMongo();
    const doc = {
      _id: new Types.ObjectId(),
      doctorId,
      patientId,
      start: version,
      end: version,
      status: 'CANCELLED',
      createdAt: version,
      updatedAt: version,
    };
    mongo.stub('Appointment', 'findOneAndUpdate', async () => doc);
    mongo.stub('Doctor', 'find', () => cursorOf([]));
    mongo.stub('Patient', 'find', () => cursorOf([]));
    mongo.stub('Site', 'find', () => cursorOf([]));
    mongo.stub('Doctor', 'findOne', async () => ({ _id: doctorId, updatedAt: version }));
    mongo.stub('Doctor', 'findOneAndUpdate', async () => ({
      _id: doctorId,
      name: 'Dr. B',
      specialty: 'GP',
      slotMinutes: 30,
      createdAt: version,
      updatedAt: new Date(),
    }));
    await mongoAppointments(mongo.connection, mongo.models).cancel(doc._id.toHexString(), null);
    await mongoDoctors(mongo.models).update(doctorId.toHexString(), { name: 'Dr. B' });
    await new Promise((resolve) => setImmediate(resolve));
    for (const collection of ['appointments', 'doctors']) {
      const options = mongo.callsTo(collection, 'findOneAndUpdate')[0]!.args[2];
      expect(options).toMatchObject({ returnDocument: 'after' });
      expect(options).not.toHaveProperty('new');
    }
    expect(warnings.filter((message) => message.includes('deprecated'))).toEqual([]);
  });

  it('bounds every commit on the server, waiting for the majority included', async () => {
    const mongo = freeClinic();
    await mongoAppointments(mongo.connection, mongo.models).book(booking('2030-05-06T10:00:00Z', '2030-05-06T10:30:00Z'));
    expect(mongo.session.lastOptions).toEqual({
      readConcern: { level: 'snapshot' },
      writeConcern: { w: 'majority', wtimeoutMS: COMMIT_TIMEOUT_MS },
      maxCommitTimeMS: COMMIT_TIMEOUT_MS,
    });
  });
});
