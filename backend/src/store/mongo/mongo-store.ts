import mongoose from 'mongoose';
import { ServiceUnavailableError } from '../../errors.js';
import type { Store } from '../store.js';
import { mongoAccounts, mongoSessions, mongoTokens } from './access.js';
import { mongoAppointments } from './appointments.js';
import { mongoTimeOff } from './time-off.js';
import { mongoVisitTypes } from './visit-types.js';
import { ensureDefaultSite, mongoSites } from './sites.js';
import { ensureOutboxCursor, mongoWebhooks } from './webhooks.js';
import { ensureMessagesCursor, MESSAGES_CURSOR, mongoMessages } from './messages.js';
import { mongoSecrets } from './secrets.js';
import { mongoWaitlist } from './waitlist.js';
import { mongoAudit, resetMongoAudit } from './audit.js';
import { mongoIdempotency } from './idempotency.js';
import { createIndexes, dropReplacedIndexes } from './indexes.js';
import { registerModels } from './models/index.js';
import { backfillSearchKeys } from './patient-search.js';
import { backfillBusyUntil } from './appointments.js';
import { backfillCalendarKeys, mongoDoctors, mongoPatients } from './people.js';

export class StandaloneMongoError extends Error {
  constructor() {
    super(
      'MongoDB is running as a standalone server, but booking needs multi-document transactions, which need a replica set. ' +
        'Start mongod with --replSet rs0 and run rs.initiate() once (docker compose does both), then set MONGODB_URI with ?replicaSet=rs0.',
    );
  }
}

export const CONNECTION_OPTIONS = {
  // No buffering: with the server gone a request should fail fast with a 503, not wait.
  bufferCommands: false,
  serverSelectionTimeoutMS: 3000,
  // A request waiting this long for a pooled connection gets a 503 rather than queueing without end.
  waitQueueTimeoutMS: 2000,
  // Collections and indexes are created once by openMongoStore, not as a side effect of each model.
  autoIndex: false,
  autoCreate: false,
} as const;

/** Connects, refuses a standalone server, and builds the indexes the queries rely on. */
export async function openMongoStore(uri: string): Promise<Store> {
  const connection = await mongoose.createConnection(uri, CONNECTION_OPTIONS).asPromise();
  const hello = await connection.db!.admin().command({ hello: 1 });
  if (!hello.setName) {
    await connection.close();
    throw new StandaloneMongoError();
  }
  const models = registerModels(connection);
  await dropReplacedIndexes(models);
  await createIndexes(models);
  await backfillSearchKeys(models.Patient);
  await backfillCalendarKeys(models);
  await backfillBusyUntil(models);
  await ensureDefaultSite(models);
  await ensureOutboxCursor(models);
  await ensureMessagesCursor(models);
  const audit = mongoAudit(connection, models);
  return {
    kind: 'mongodb',
    doctors: mongoDoctors(models),
    patients: mongoPatients(models, audit.writer),
    appointments: mongoAppointments(connection, models, undefined, audit.writer),
    timeOff: mongoTimeOff(connection, models),
    visitTypes: mongoVisitTypes(models),
    sites: mongoSites(models),
    webhooks: mongoWebhooks(connection, models),
    messages: mongoMessages(connection, models),
    secrets: mongoSecrets(models),
    waitlist: mongoWaitlist(connection, models, audit.writer),
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
      const {
        Doctor,
        Patient,
        Appointment,
        TimeOff,
        VisitType,
        Site,
        WebhookEndpoint,
        WebhookDelivery,
        OutboxCursor,
        WaitlistEntry,
        FreedSlot,
        WaitlistOffer,
        BookingLock,
        IdempotencyRecord,
        Account,
        Session,
        ApiToken,
      } = models;
      await Promise.all([
        Account.deleteMany(),
        Session.deleteMany(),
        ApiToken.deleteMany(),
        Doctor.deleteMany(),
        Patient.deleteMany(),
        Appointment.deleteMany(),
        TimeOff.deleteMany(),
        VisitType.deleteMany(),
        Site.deleteMany({ isDefault: false }),
        WebhookEndpoint.deleteMany(),
        WebhookDelivery.deleteMany(),
        WaitlistEntry.deleteMany(),
        FreedSlot.deleteMany(),
        WaitlistOffer.deleteMany(),
        OutboxCursor.updateOne({ _id: 'webhooks' }, { $set: { lastSeq: 0 } }),
        BookingLock.deleteMany(),
        IdempotencyRecord.deleteMany(),
        resetMongoAudit(models),
      ]);
      await Promise.all([
        models.Message.deleteMany(),
        models.MessageTemplate.deleteMany(),
        OutboxCursor.updateOne({ _id: MESSAGES_CURSOR }, { $set: { lastSeq: 0 } }),
      ]);
    },
    close: () => connection.close(),
  };
}
