import { mongo, Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { runBookingTransaction } from '../../src/store/mongo/booking-transaction.js';
import { isTransientTransactionError, translateMongoError } from '../../src/store/mongo/errors.js';
import { isObjectIdHex, toAppointmentView, toDoctor, toPatient } from '../../src/store/mongo/mapping.js';
import { runTransaction, TransactionRetriesExhausted, type TransactionSession } from '../../src/store/mongo/retry.js';

const writeConflict = () => Object.assign(new Error('WriteConflict'), { code: 112, errorLabels: ['TransientTransactionError'] });
const noSleep = async () => undefined;

/** A session that records what the retry loop asked of it. */
function fakeSession(commitFailures: unknown[] = []) {
  const calls: string[] = [];
  let open = false;
  const session: TransactionSession = {
    startTransaction: () => {
      calls.push('start');
      open = true;
    },
    commitTransaction: async () => {
      calls.push('commit');
      const failure = commitFailures.shift();
      if (failure) throw failure;
      open = false;
    },
    abortTransaction: async () => {
      calls.push('abort');
      open = false;
    },
    inTransaction: () => open,
  };
  return { session, calls };
}

describe('Mongo document mapping', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  it('maps _id to a hex id and fills missing optionals with null', () => {
    const _id = new Types.ObjectId();
    const doctor = toDoctor({ _id, name: 'Dr. A', specialty: 'GP', slotMinutes: 30, createdAt: now, updatedAt: now } as never);
    expect(doctor).toEqual({
      id: _id.toHexString(),
      name: 'Dr. A',
      specialty: 'GP',
      email: null,
      phone: null,
      slotMinutes: 30,
      schedule: null,
      createdAt: now,
      updatedAt: now,
    });
    const patient = toPatient({ _id, name: 'Ana', email: 'a@x.org', emailKey: 'a@x.org', createdAt: now, updatedAt: now } as never);
    expect(patient).toMatchObject({ id: _id.toHexString(), phone: null, dateOfBirth: null });
    expect(patient).not.toHaveProperty('emailKey');
  });

  it('joins an appointment with the names fetched in one batch', () => {
    const [id, doctorId, patientId] = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
    const doc = {
      _id: id,
      doctorId,
      patientId,
      start: now,
      end: now,
      status: 'BOOKED',
      reason: null,
      cancelledAt: null,
      cancellationReason: null,
      createdAt: now,
      updatedAt: now,
    };
    const names = {
      doctors: new Map([[doctorId.toHexString(), { name: 'Dr. A', specialty: 'GP' }]]),
      patients: new Map([[patientId.toHexString(), { name: 'Ana' }]]),
      visitTypes: new Map(),
      sites: new Map([['000000000000000000000001', { name: 'Main site', timezone: null }]]),
    };
    expect(toAppointmentView(doc as never, names)).toMatchObject({
      id: id.toHexString(),
      doctorId: doctorId.toHexString(),
      doctor: { id: doctorId.toHexString(), name: 'Dr. A', specialty: 'GP' },
      patient: { id: patientId.toHexString(), name: 'Ana' },
      visitType: null,
      bufferMinutes: 0,
      site: { id: '000000000000000000000001', name: 'Main site', timezone: null },
    });
  });

  it('recognises only 24-hex strings as ObjectIds', () => {
    expect(isObjectIdHex('507f1f77bcf86cd799439011')).toBe(true);
    expect(isObjectIdHex('0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d')).toBe(false);
  });
});

describe('Mongo error translation', () => {
  it('turns a duplicate patient email (E11000 on emailKey) into DUPLICATE', () => {
    const translated = translateMongoError({ code: 11000, keyPattern: { emailKey: 1 }, message: 'E11000 duplicate key' });
    expect(translated).toBeInstanceOf(AppError);
    expect(translated).toMatchObject({ code: 'DUPLICATE', status: 409 });
  });

  it('turns an unreachable server into SERVICE_UNAVAILABLE', () => {
    const unreachable = new mongo.MongoServerSelectionError('connect ECONNREFUSED', {} as never);
    expect(translateMongoError(unreachable)).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
    });
  });

  it('passes anything else through untouched', () => {
    const error = new Error('boom');
    expect(translateMongoError(error)).toBe(error);
  });

  it('classifies write conflicts and lock-document races as transient', () => {
    expect(isTransientTransactionError(writeConflict())).toBe(true);
    expect(isTransientTransactionError({ code: 112 })).toBe(true);
    expect(isTransientTransactionError({ code: 11000, message: 'E11000 duplicate key error collection: clinic.booking_locks' })).toBe(true);
    expect(isTransientTransactionError({ code: 11000, message: 'E11000 duplicate key error collection: clinic.patients' })).toBe(false);
    expect(isTransientTransactionError(new Error('validation'))).toBe(false);
  });
});

describe('Mongo transaction retry loop', () => {
  it('reruns the work after a write conflict on the lock document, then commits', async () => {
    const { session, calls } = fakeSession();
    let attempts = 0;
    const result = await runTransaction(
      session,
      async () => {
        attempts += 1;
        if (attempts < 3) throw writeConflict();
        return 'booked';
      },
      { maxAttempts: 5, baseDelayMs: 1, sleep: noSleep },
    );
    expect(result).toBe('booked');
    expect(calls).toEqual(['start', 'abort', 'start', 'abort', 'start', 'commit']);
  });

  it('stops after maxAttempts and says so', async () => {
    const { session, calls } = fakeSession();
    const failure = await runTransaction(session, async () => Promise.reject(writeConflict()), {
      maxAttempts: 3,
      baseDelayMs: 1,
      sleep: noSleep,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TransactionRetriesExhausted);
    expect(calls.filter((call) => call === 'start')).toHaveLength(3);
  });

  it('does not retry a business error such as a conflict found by the overlap check', async () => {
    const { session, calls } = fakeSession();
    const conflict = new AppError('BOOKING_CONFLICT');
    await expect(
      runTransaction(session, async () => Promise.reject(conflict), { maxAttempts: 5, baseDelayMs: 1, sleep: noSleep }),
    ).rejects.toBe(conflict);
    expect(calls).toEqual(['start', 'abort']);
  });

  it('retries a commit whose outcome is unknown without rerunning the work', async () => {
    const unknownCommit = Object.assign(new Error('network blip'), { errorLabels: ['UnknownTransactionCommitResult'] });
    const { session, calls } = fakeSession([unknownCommit]);
    let runs = 0;
    await runTransaction(session, async () => (runs += 1), { maxAttempts: 3, baseDelayMs: 1, sleep: noSleep });
    expect(runs).toBe(1);
    expect(calls).toEqual(['start', 'commit', 'commit']);
  });

  it('backs off longer on each attempt', async () => {
    const { session } = fakeSession();
    const delays: number[] = [];
    await runTransaction(session, async () => Promise.reject(writeConflict()), {
      maxAttempts: 3,
      baseDelayMs: 10,
      sleep: async (ms) => void delays.push(ms),
    }).catch(() => undefined);
    expect(delays).toHaveLength(3);
    expect(delays[0]).toBeGreaterThanOrEqual(5);
    expect(delays[2]).toBeGreaterThan(delays[0]! / 1.5);
  });

  it('answers BOOKING_CONFLICT when a booking still collides after every retry and the time is taken', async () => {
    const { session } = fakeSession();
    await expect(
      runBookingTransaction(
        session,
        async () => Promise.reject(writeConflict()),
        { maxAttempts: 2, baseDelayMs: 1, sleep: noSleep },
        async () => 'doctor',
      ),
    ).rejects.toMatchObject({
      code: 'BOOKING_CONFLICT',
      status: 409,
    });
  });

  it('answers PATIENT_CONFLICT after every retry when the patient holds the time, and 503 when nobody does', async () => {
    const policy = { maxAttempts: 2, baseDelayMs: 1, sleep: noSleep };
    const collide = async () => Promise.reject(writeConflict());
    await expect(runBookingTransaction(fakeSession().session, collide, policy, async () => 'patient')).rejects.toMatchObject({
      code: 'PATIENT_CONFLICT',
    });
    await expect(runBookingTransaction(fakeSession().session, collide, policy, async () => null)).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
    });
    await expect(runBookingTransaction(fakeSession().session, collide, policy)).rejects.toMatchObject({ status: 503 });
  });

  it('looks for the conflict only once the retries have run out', async () => {
    let checks = 0;
    const check = async () => {
      checks += 1;
      return null;
    };
    await runBookingTransaction(fakeSession().session, async () => 'booked', { maxAttempts: 2, baseDelayMs: 1, sleep: noSleep }, check);
    expect(checks).toBe(0);
  });

  it('commits at most maxCommitAttempts times while the outcome stays unknown', async () => {
    const unknown = () => Object.assign(new Error('timeout'), { errorLabels: ['UnknownTransactionCommitResult'] });
    const { session, calls } = fakeSession([unknown(), unknown(), unknown()]);
    const failure = await runTransaction(session, async () => 'booked', {
      maxAttempts: 8,
      baseDelayMs: 1,
      maxCommitAttempts: 2,
      sleep: noSleep,
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ message: 'timeout' });
    expect(calls.filter((call) => call === 'commit')).toHaveLength(2);
  });
});
