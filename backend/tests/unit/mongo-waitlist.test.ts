import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/store/ports/audit.js';
import type { MongoAuditWriter } from '../../src/store/mongo/audit.js';
import { findConflict } from '../../src/store/mongo/overlap.js';
import { mongoWaitlist } from '../../src/store/mongo/waitlist.js';
import { cursorOf, stubbedMongo } from '../helpers/mongo-stubs.js';

const doctorId = new Types.ObjectId();
const patientId = new Types.ObjectId();
const freedId = new Types.ObjectId();
const entryId = new Types.ObjectId();
const updated = (modifiedCount: number) => ({ acknowledged: true, matchedCount: modifiedCount, modifiedCount, upsertedCount: 0 });
const record: AuditEntry = {
  actorKind: 'system',
  actorId: null,
  actorLabel: 'waitlist',
  action: 'waitlist.offer',
  resourceType: 'waitlist_offer',
  resourceId: null,
  outcome: 'success',
  correlationId: null,
  clientAddress: null,
};

/** Records what the adapter hands the audit trail, in the session it names. */
function auditWriter() {
  const pending: Array<{ action: string; resourceId: string }> = [];
  const writer: MongoAuditWriter = {
    pending: async (entry, resourceId) => void pending.push({ action: entry!.action, resourceId }),
    chainSoon: () => undefined,
    write: (_entry, work) => work(),
  };
  return { writer, pending };
}

const hold = () => ({
  freedId: freedId.toHexString(),
  round: 2,
  entryId: entryId.toHexString(),
  appointment: {
    doctor: { id: doctorId.toHexString(), name: 'Dr. A', specialty: 'GP' },
    patient: { id: patientId.toHexString(), name: 'Ana' },
    versions: { doctor: new Date(), patient: new Date() },
    start: new Date('2030-05-06T10:00:00Z'),
    end: new Date('2030-05-06T10:30:00Z'),
    reason: null,
  },
  expiresAt: new Date('2030-05-01T10:15:00Z'),
  audit: record,
});

/** Free time, a waiting entry and a freed slot at the round the hold names. */
function waitingClinic(roundTaken = false) {
  const mongo = stubbedMongo();
  mongo.stub('FreedSlot', 'updateOne', async () => updated(roundTaken ? 0 : 1));
  mongo.stub('WaitlistEntry', 'updateOne', async () => updated(1));
  mongo.stub('BookingLock', 'updateOne', async () => updated(1));
  mongo.stub('TimeOff', 'findOne', async () => null);
  mongo.stub('Appointment', 'findOne', async () => null);
  mongo.stub('Appointment', 'insertOne', async () => ({ acknowledged: true, insertedId: new Types.ObjectId() }));
  mongo.stub('WaitlistOffer', 'insertOne', async () => ({ acknowledged: true, insertedId: new Types.ObjectId() }));
  return mongo;
}

describe('Mongo waitlist holds', () => {
  it('take the freed slot’s round first, then the entry, the booking locks, and insert a HELD appointment with its offer, in one transaction', async () => {
    const mongo = waitingClinic();
    const audit = auditWriter();
    const offer = await mongoWaitlist(mongo.connection, mongo.models, audit.writer).hold(hold());
    expect(offer).toMatchObject({ status: 'open', doctorId: doctorId.toHexString(), entryId: entryId.toHexString() });
    const order = mongo.calls
      .map((call) => `${call.collection}.${call.method}`)
      .filter((call) => !call.startsWith('waitlist_entries.findOne'));
    expect(order.slice(0, 3)).toEqual(['freed_slots.updateOne', 'waitlist_entries.updateOne', 'booking_locks.updateOne']);
    expect(mongo.callsTo('freed_slots', 'updateOne')[0]!.args[0]).toMatchObject({ round: 2, state: 'open' });
    expect(mongo.callsTo('appointments', 'insertOne')[0]!.args[0]).toMatchObject({ status: 'HELD', doctorId, patientId });
    expect(audit.pending).toEqual([{ action: 'waitlist.offer', resourceId: (offer as { id: string }).id }]);
    expect(mongo.transaction).toEqual(['start', 'commit', 'end']);
  });

  it('write nothing when another process took the round', async () => {
    const mongo = waitingClinic(true);
    expect(await mongoWaitlist(mongo.connection, mongo.models, auditWriter().writer).hold(hold())).toBe('round-taken');
    expect(mongo.callsTo('appointments', 'insertOne')).toEqual([]);
    expect(mongo.transaction).toEqual(['start', 'abort', 'end']);
  });

  it('meet a booking of the same time as booking does, and insert nothing', async () => {
    const mongo = waitingClinic();
    mongo.stub('Appointment', 'findOne', async () => ({ _id: new Types.ObjectId() }));
    await expect(mongoWaitlist(mongo.connection, mongo.models, auditWriter().writer).hold(hold())).rejects.toMatchObject({
      code: 'BOOKING_CONFLICT',
    });
    expect(mongo.callsTo('waitlist_offers', 'insertOne')).toEqual([]);
  });
});

describe('Mongo waitlist answers', () => {
  const offerDoc = (expiresAt: Date, status = 'open') => ({
    _id: new Types.ObjectId(),
    entryId,
    freedId,
    appointmentId: new Types.ObjectId(),
    doctorId,
    start: new Date('2030-05-06T10:00:00Z'),
    end: new Date('2030-05-06T10:30:00Z'),
    status,
    expiresAt,
    createdAt: new Date('2030-05-01T10:00:00Z'),
    decidedAt: null,
    turns: 0,
  });

  it('write the offer first when accepting, so an expiry racing it conflicts, and refuse one whose hold ran out', async () => {
    const mongo = stubbedMongo();
    const doc = offerDoc(new Date('2030-05-01T10:15:00Z'));
    mongo.stub('WaitlistOffer', 'findOneAndUpdate', async () => doc);
    const decision = await mongoWaitlist(mongo.connection, mongo.models, auditWriter().writer).accept(
      doc._id.toHexString(),
      new Date('2030-05-01T10:16:00Z'),
      [],
    );
    expect(decision).toEqual({ accepted: false, status: 'expired' });
    expect(mongo.calls[0]).toMatchObject({ collection: 'waitlist_offers', method: 'findOneAndUpdate' });
    expect(mongo.calls[0]!.args[1]).toEqual({ $inc: { turns: 1 } });
    expect(mongo.callsTo('appointments', 'findOneAndUpdate')).toEqual([]);
  });

  it('turn the hold into a BOOKED appointment when accepted in time', async () => {
    const mongo = stubbedMongo();
    const doc = offerDoc(new Date('2030-05-01T10:15:00Z'));
    const booked = { _id: doc.appointmentId, doctorId, patientId, start: doc.start, end: doc.end, status: 'BOOKED', busyUntil: doc.end };
    mongo.stub('WaitlistOffer', 'findOneAndUpdate', async () => doc);
    mongo.stub('Appointment', 'findOneAndUpdate', async () => booked);
    for (const model of ['WaitlistOffer', 'WaitlistEntry', 'FreedSlot'] as const) mongo.stub(model, 'updateOne', async () => updated(1));
    mongo.stub('Doctor', 'find', () => cursorOf([{ _id: doctorId, name: 'Dr. A', specialty: 'GP' }]));
    mongo.stub('Patient', 'find', () => cursorOf([{ _id: patientId, name: 'Ana' }]));
    mongo.stub('Site', 'find', () => cursorOf([]));
    const audit = auditWriter();
    const decision = await mongoWaitlist(mongo.connection, mongo.models, audit.writer).accept(
      doc._id.toHexString(),
      new Date('2030-05-01T10:14:00Z'),
      [
        { ...record, action: 'waitlist.accept' },
        { ...record, action: 'appointment.book', resourceType: 'appointment' },
      ],
    );
    expect(decision).toMatchObject({ accepted: true, appointment: { status: 'BOOKED', id: doc.appointmentId.toHexString() } });
    expect(mongo.callsTo('appointments', 'findOneAndUpdate')[0]!.args[0]).toMatchObject({ status: 'HELD' });
    expect(audit.pending).toEqual([
      { action: 'waitlist.accept', resourceId: doc._id.toHexString() },
      { action: 'appointment.book', resourceId: doc.appointmentId.toHexString() },
    ]);
  });

  it('name a doctor’s time kept only by a hold as held, and a booked one as a booking conflict', async () => {
    const probe = { doctorId, patientId, start: new Date('2030-05-06T10:00:00Z'), end: new Date('2030-05-06T10:30:00Z') };
    const held = stubbedMongo();
    held.stub('Appointment', 'findOne', async (filter: unknown) =>
      JSON.stringify(filter).includes('"HELD"') ? { _id: new Types.ObjectId() } : null,
    );
    expect(await findConflict(held.models, { ...probe, busyUntil: probe.end })).toBe('held');
    const booked = stubbedMongo();
    booked.stub('Appointment', 'findOne', async () => ({ _id: new Types.ObjectId() }));
    expect(await findConflict(booked.models, { ...probe, busyUntil: probe.end })).toBe('doctor');
  });
});
