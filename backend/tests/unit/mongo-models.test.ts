import { describe, expect, it } from 'vitest';
import { createIndexes, dropReplacedIndexes } from '../../src/store/mongo/indexes.js';
import { toDoctor } from '../../src/store/mongo/mapping.js';
import { CONNECTION_OPTIONS } from '../../src/store/mongo/mongo-store.js';
import { mongoDoctors } from '../../src/store/mongo/people.js';
import { cursorOf, stubbedMongo } from '../helpers/mongo-stubs.js';

const neverWorks = { weekly: {} };

describe('Mongo doctor schedule', () => {
  it('keeps a schedule of { weekly: {} } through toObject and hydrate, instead of minimizing it away', () => {
    const { models } = stubbedMongo();
    const doc = new models.Doctor({ name: 'Dr. A', specialty: 'GP', slotMinutes: 30, schedule: neverWorks });
    expect(doc.toObject().schedule).toEqual(neverWorks);
    const back = models.Doctor.hydrate(doc.toObject());
    expect(toDoctor(back.toObject()).schedule).toEqual(neverWorks);
    // What minimize would have done: no schedule at all, which reads as clinic hours every day.
    expect(doc.toObject({ minimize: true }).schedule).toBeUndefined();
  });

  it('sends { weekly: {} } to the server on create and reads it back unchanged', async () => {
    const stubs = stubbedMongo();
    let stored: Record<string, unknown> = {};
    stubs.stub('Doctor', 'insertOne', async (doc) => {
      stored = doc as Record<string, unknown>;
      return { acknowledged: true, insertedId: stored._id };
    });
    stubs.stub('Doctor', 'findOne', async () => stored);
    const doctors = mongoDoctors(stubs.models);
    const created = await doctors.create({
      name: 'Dr. A',
      specialty: 'GP',
      email: null,
      phone: null,
      slotMinutes: 30,
      schedule: neverWorks,
    });
    expect(stored.schedule).toEqual(neverWorks);
    expect(created.schedule).toEqual(neverWorks);
    expect((await doctors.get(created.id))?.schedule).toEqual(neverWorks);
  });

  it('keeps an empty object inside a stored idempotent response', () => {
    const { models } = stubbedMongo();
    const record = new models.IdempotencyRecord({
      _id: 'key',
      requestHash: 'h',
      lockedAt: new Date(),
      expiresAt: new Date(),
      statusCode: 200,
      responseBody: { success: true, data: {} },
    });
    expect(record.toBSON().responseBody).toEqual({ success: true, data: {} });
  });
});

describe('Mongo indexes', () => {
  it('are not built as a side effect of compiling the models', async () => {
    expect(CONNECTION_OPTIONS).toMatchObject({ autoIndex: false, autoCreate: false, bufferCommands: false });
    const stubs = stubbedMongo();
    await Promise.all(Object.values(stubs.models).map((model) => model.init()));
    expect(stubs.createdCollections).toEqual([]);
  });

  it('bounds the wait for a pooled connection and for a server to select', () => {
    expect(CONNECTION_OPTIONS.waitQueueTimeoutMS).toBeGreaterThan(0);
    expect(CONNECTION_OPTIONS.serverSelectionTimeoutMS).toBeGreaterThan(0);
  });

  it('are created explicitly, one by one, and none is ever dropped or listed for syncing', async () => {
    const stubs = stubbedMongo();
    const models = [
      'Doctor',
      'Patient',
      'Appointment',
      'TimeOff',
      'VisitType',
      'Site',
      'WebhookEndpoint',
      'WebhookDelivery',
      'OutboxCursor',
      'AppSecret',
      'WaitlistEntry',
      'FreedSlot',
      'WaitlistOffer',
      'Message',
      'MessageTemplate',
      'BookingLock',
      'IdempotencyRecord',
      'Account',
      'Session',
      'ApiToken',
    ] as const;
    for (const model of [...models, 'AuditRecord', 'AuditHead'] as const) {
      stubs.stub(model, 'createIndex', async () => 'ok');
      stubs.stub(model, 'dropIndex', async () => Promise.reject(new Error('must not drop')));
      stubs.stub(model, 'listIndexes', () => Promise.reject(new Error('must not sync')));
    }
    await createIndexes(stubs.models);
    expect([...stubs.createdCollections].sort()).toEqual([
      'accounts',
      'api_tokens',
      'app_secrets',
      'appointments',
      'audit_heads',
      'audit_records',
      'booking_locks',
      'doctors',
      'freed_slots',
      'idempotency_records',
      'message_templates',
      'messages',
      'outbox_cursors',
      'patients',
      'sessions',
      'sites',
      'time_off',
      'visit_types',
      'waitlist_entries',
      'waitlist_offers',
      'webhook_deliveries',
      'webhook_endpoints',
    ]);
    expect(stubs.calls.every((call) => call.method === 'createIndex')).toBe(true);
    const appointmentIndexes = stubs.callsTo('appointments', 'createIndex').map((call) => call.args);
    expect(appointmentIndexes).toContainEqual([
      { doctorId: 1, start: 1 },
      expect.objectContaining({ name: 'doctor_start_booked_unique', unique: true, partialFilterExpression: { status: 'BOOKED' } }),
    ]);
    expect(stubs.callsTo('booking_locks', 'createIndex').map((call) => call.args)).toContainEqual([
      { expiresAt: 1 },
      expect.objectContaining({ expireAfterSeconds: 0 }),
    ]);
    expect(stubs.callsTo('patients', 'createIndex').map((call) => call.args)).toContainEqual([
      { emailKey: 1 },
      expect.objectContaining({ unique: true, partialFilterExpression: { emailKey: { $type: 'string' } } }),
    ]);
    // Two chained audit records can never share a place in the chain; pending ones have none yet.
    expect(stubs.callsTo('audit_records', 'createIndex').map((call) => call.args)).toContainEqual([
      { seq: 1 },
      expect.objectContaining({ unique: true, partialFilterExpression: { seq: { $type: 'number' } } }),
    ]);
  });

  it('keeps BOOKED appointments of one doctor at one start unique at the database level', () => {
    const { models } = stubbedMongo();
    expect(models.Appointment.schema.indexes()).toContainEqual([
      { doctorId: 1, start: 1 },
      { name: 'doctor_start_booked_unique', unique: true, partialFilterExpression: { status: 'BOOKED' } },
    ]);
  });

  it('drops the indexes a newer one replaced, once: the email key that held every patient, the day list on start alone', async () => {
    const stubs = stubbedMongo();
    const dropped: unknown[] = [];
    stubs.stub('Patient', 'dropIndex', async (name) => void dropped.push(name));
    stubs.stub('Appointment', 'dropIndex', async (name) => void dropped.push(name));
    stubs.stub('Patient', 'listIndexes', () => cursorOf([{ name: '_id_' }, { name: 'emailKey_1', unique: true }]));
    stubs.stub('Appointment', 'listIndexes', () => cursorOf([{ name: '_id_' }, { name: 'start_1' }]));
    await dropReplacedIndexes(stubs.models);
    expect(dropped).toEqual(['emailKey_1', 'start_1']);

    stubs.stub('Patient', 'listIndexes', () => cursorOf([{ name: '_id_' }, { name: 'emailKey_when_given', unique: true }]));
    stubs.stub('Appointment', 'listIndexes', () => cursorOf([{ name: '_id_' }, { name: 'start_1__id_1' }]));
    await dropReplacedIndexes(stubs.models);
    expect(dropped).toEqual(['emailKey_1', 'start_1']);
  });
});
