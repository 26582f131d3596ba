import { createRequire } from 'node:module';
import mongoose, { mongo, Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { mongoAppointments } from '../../src/store/mongo/appointments.js';
import { translateMongoError } from '../../src/store/mongo/errors.js';
import { stubbedMongo } from '../helpers/mongo-stubs.js';

// `mongo` is the mongodb driver package Mongoose runs. The pool errors are thrown by it but not
// exported from its index, so they are taken from the same install, resolved as Mongoose does.
const requireLikeMongoose = createRequire(createRequire(import.meta.url).resolve('mongoose'));
type PoolLike = { address: string; serverError?: Error };
const pool = requireLikeMongoose('mongodb/lib/cmap/errors.js') as {
  PoolClearedError: new (pool: PoolLike, message?: string) => Error;
  PoolClearedOnNetworkError: new (pool: PoolLike) => Error;
  PoolClosedError: new (pool: PoolLike) => Error;
  WaitQueueTimeoutError: new (message: string, address: string) => Error;
};
const address = 'db-1:27017';

const unavailable: [string, () => Error][] = [
  ['a cleared connection pool (MongoPoolClearedError)', () => new pool.PoolClearedError({ address, serverError: new Error('reset') })],
  ['a pool cleared after a monitor timeout', () => new pool.PoolClearedOnNetworkError({ address })],
  [
    'a full wait queue for a connection (MongoWaitQueueTimeoutError)',
    () => new pool.WaitQueueTimeoutError('Timed out while checking out a connection from connection pool', address),
  ],
  ['a pool closed at shut-down', () => new pool.PoolClosedError({ address })],
  [
    'no server to select (MongoServerSelectionError)',
    () => new mongo.MongoServerSelectionError('Server selection timed out after 3000 ms', {} as never),
  ],
  ['a lost connection (MongoNetworkError)', () => new mongo.MongoNetworkError('connection 4 to db-1:27017 closed')],
  ['a silent socket (MongoNetworkTimeoutError)', () => new mongo.MongoNetworkTimeoutError('connection timed out')],
  [
    'an operation out of time (MongoOperationTimeoutError)',
    () => new mongo.MongoOperationTimeoutError('Timed out during connection checkout'),
  ],
  ['a client not connected (MongoNotConnectedError)', () => new mongo.MongoNotConnectedError('Client must be connected')],
  ['a closed topology (MongoTopologyClosedError)', () => new mongo.MongoTopologyClosedError()],
  ['a closed client (MongoClientClosedError)', () => new mongo.MongoClientClosedError()],
  ['no primary at start-up (MongooseServerSelectionError)', () => new mongoose.Error.MongooseServerSelectionError('connect ECONNREFUSED')],
  [
    'a primary stepping down',
    () => new mongo.MongoServerError({ code: 189, codeName: 'PrimarySteppedDown', errmsg: 'primary stepped down' }),
  ],
  [
    'a node that is no longer primary',
    () => new mongo.MongoServerError({ code: 10107, codeName: 'NotWritablePrimary', errmsg: 'not primary' }),
  ],
  [
    'a server shutting down',
    () => new mongo.MongoServerError({ code: 11600, codeName: 'InterruptedAtShutdown', errmsg: 'interrupted at shutdown' }),
  ],
  [
    'a commit past maxCommitTimeMS',
    () => new mongo.MongoServerError({ code: 50, codeName: 'MaxTimeMSExpired', errmsg: 'operation exceeded time limit' }),
  ],
  [
    'a majority not reached in time (MongoWriteConcernError)',
    () =>
      new mongo.MongoWriteConcernError({
        ok: 1,
        writeConcernError: { code: 64, errmsg: 'waiting for replication timed out', errInfo: { wtimeout: true } },
      }),
  ],
  [
    'a commit whose outcome is still unknown after its retries',
    () => new mongo.MongoServerError({ code: 6, errmsg: 'host unreachable', errorLabels: ['UnknownTransactionCommitResult'] }),
  ],
];

const bugs: [string, () => unknown][] = [
  ['a bad value the server refused', () => new mongo.MongoServerError({ code: 2, codeName: 'BadValue', errmsg: 'bad value' })],
  ['a misuse of the transaction API', () => new mongo.MongoTransactionError('Transaction already in progress')],
  ['an invalid argument', () => new mongo.MongoInvalidArgumentError('bad option')],
  ['an error that only borrows a driver class name', () => Object.assign(new Error('fake'), { name: 'MongoNetworkError' })],
  ['a plain Error', () => new Error('boom')],
];

describe('Mongo error classification by the driver error classes', () => {
  it.each(unavailable)('answers 503 SERVICE_UNAVAILABLE for %s', (_name, build) => {
    expect(translateMongoError(build())).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
  });

  it.each(bugs)('leaves %s to the 500 path', (_name, build) => {
    const error = build();
    expect(translateMongoError(error)).toBe(error);
  });

  it('turns a duplicate on the BOOKED {doctorId, start} safety index into BOOKING_CONFLICT', () => {
    const duplicate = new mongo.MongoServerError({
      code: 11000,
      errmsg: 'E11000 duplicate key error collection: clinic.appointments index: doctor_start_booked_unique',
      keyPattern: { doctorId: 1, start: 1 },
    });
    expect(translateMongoError(duplicate)).toMatchObject({ code: 'BOOKING_CONFLICT', status: 409 });
  });

  it('answers 503 from the repository when the pool is cleared under a request', async () => {
    const stubs = stubbedMongo();
    stubs.stub('Appointment', 'findOne', async () => Promise.reject(new pool.PoolClearedError({ address })));
    await expect(mongoAppointments(stubs.connection, stubs.models).get(new Types.ObjectId().toHexString())).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
    });
  });
});
