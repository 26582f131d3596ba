import mongoose from 'mongoose';
import { ServiceUnavailableError } from '../../errors.js';
import type { Store } from '../store.js';
import { mongoAccounts, mongoSessions, mongoTokens } from './access.js';
import { mongoAppointments } from './appointments.js';
import { mongoAudit, resetMongoAudit } from './audit.js';
import { mongoIdempotency } from './idempotency.js';
import { registerModels } from './models/index.js';
import { mongoDoctors, mongoPatients } from './people.js';

export class StandaloneMongoError extends Error {
  constructor() {
    super(
      'MongoDB is running as a standalone server, but booking needs multi-document transactions, which need a replica set. ' +
        'Start mongod with --replSet rs0 and run rs.initiate() once (docker compose does both), then set MONGODB_URI with ?replicaSet=rs0.',
    );
  }
}

/** Connects, refuses a standalone server, and builds the indexes the queries rely on. */
export async function openMongoStore(uri: string): Promise<Store> {
  // No buffering: with the server gone a request should fail fast with a 503, not wait.
  const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 3000, bufferCommands: false }).asPromise();
  const hello = await connection.db!.admin().command({ hello: 1 });
  if (!hello.setName) {
    await connection.close();
    throw new StandaloneMongoError();
  }
  const models = registerModels(connection);
  await Promise.all(Object.values(models).map((model) => model.createCollection().then(() => model.syncIndexes())));
  const audit = mongoAudit(connection, models);
  return {
    kind: 'mongodb',
    doctors: mongoDoctors(models),
    patients: mongoPatients(models, audit.writer),
    appointments: mongoAppointments(connection, models, audit.writer),
    idempotency: mongoIdempotency(models),
    audit: audit.repository,
    accounts: mongoAccounts(models),
    sessions: mongoSessions(models),
    tokens: mongoTokens(models),
    ping: async () => {
      try {
        await connection.db!.admin().command({ ping: 1 });
      } catch {
        throw new ServiceUnavailableError();
      }
    },
    reset: async () => {
      const { Doctor, Patient, Appointment, BookingLock, IdempotencyRecord, Account, Session, ApiToken } = models;
      await Promise.all([
        Account.deleteMany(),
        Session.deleteMany(),
        ApiToken.deleteMany(),
        Doctor.deleteMany(),
        Patient.deleteMany(),
        Appointment.deleteMany(),
        BookingLock.deleteMany(),
        IdempotencyRecord.deleteMany(),
        resetMongoAudit(models),
      ]);
    },
    close: () => connection.close(),
  };
}
