import type { ClientSession, Connection } from 'mongoose';
import { timeOffRefusal } from '../../errors.js';
import type { AuditEntry } from '../ports/audit.js';
import type { OfferStatus, WaitlistOffer, WaitlistRepository } from '../ports/waitlist.js';
import type { MongoAuditWriter } from './audit.js';
import { BOOKING_RETRY_POLICY, runBookingTransaction } from './booking-transaction.js';
import { mongoCall } from './errors.js';
import { bookingLockKeys, takeBookingLocks } from './locks.js';
import { isObjectIdHex, toObjectId } from './mapping.js';
import type { Models } from './models/index.js';
import { DEFAULT_SITE_ID } from './models/site.js';
import type { WaitlistOfferDoc } from './models/waitlist.js';
import { conflictError, findConflict } from './overlap.js';
import { offDuring } from './time-off.js';
import { appointmentViews } from './views.js';
import { entryViews, toOffer } from './waitlist-views.js';

/** The hold was placed by another process first, or the entry was offered another slot meanwhile. */
class Taken extends Error {
  constructor(readonly outcome: 'round-taken' | 'entry-taken') {
    super(outcome);
  }
}

/**
 * The waitlist on MongoDB. Every step is one transaction that writes the documents it decides on
 * first (the freed slot's round, the offer's status), so two processes taking the same step
 * conflict there and the one that runs again reads what the other did: the same outcomes as the
 * SQL adapter's row locks. A hold also writes the booking lock documents of its doctor and patient,
 * as a booking does, so a booking of the same time cannot miss it (write skew).
 */
export function mongoWaitlist(connection: Connection, models: Models, audit: MongoAuditWriter): WaitlistRepository {
  const { WaitlistEntry, FreedSlot, WaitlistOffer, Appointment, Patient, Doctor, VisitType } = models;

  async function inTransaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
    const session = await connection.startSession();
    try {
      const result = await runBookingTransaction(session, () => work(session), BOOKING_RETRY_POLICY);
      audit.chainSoon();
      return result;
    } finally {
      await session.endSession();
    }
  }

  const entry = async (id: string, session?: ClientSession) => {
    const doc = await WaitlistEntry.findById(id)
      .session(session ?? null)
      .lean();
    return doc ? ((await entryViews(models, [doc], session))[0] ?? null) : null;
  };

  /** As the SQL adapter's endOffer: the hold goes, the entry waits again, the freed slot reopens. */
  async function endOffer(
    offer: WaitlistOfferDoc,
    status: Exclude<OfferStatus, 'open' | 'accepted'>,
    now: Date,
    record: AuditEntry,
    session: ClientSession,
  ) {
    if (offer.appointmentId) await Appointment.deleteOne({ _id: offer.appointmentId, status: 'HELD' }, { session });
    const ended = await WaitlistOffer.findOneAndUpdate(
      { _id: offer._id },
      { $set: { status, decidedAt: now, appointmentId: null } },
      { returnDocument: 'after', session },
    ).lean();
    await WaitlistEntry.updateOne({ _id: offer.entryId, status: 'offered' }, { $set: { status: 'waiting' } }, { session });
    await FreedSlot.updateOne({ _id: offer.freedId, state: 'offered' }, { $set: { state: 'open' } }, { session });
    await audit.pending(record, offer._id.toHexString(), session);
    return toOffer(ended!);
  }

  return {
    add: (input, record) =>
      mongoCall(async () => {
        const ids = [input.patientId, input.doctorId, input.visitTypeId].filter((id): id is string => id !== null);
        if (!ids.every(isObjectIdHex)) return null;
        const [patient, doctor, visitType] = await Promise.all([
          Patient.exists({ _id: input.patientId }),
          input.doctorId ? Doctor.exists({ _id: input.doctorId }) : true,
          input.visitTypeId ? VisitType.exists({ _id: input.visitTypeId, doctorId: input.doctorId }) : true,
        ]);
        if (!patient || !doctor || !visitType) return null;
        return inTransaction(async (session) => {
          const [created] = await WaitlistEntry.create(
            [
              {
                patientId: toObjectId(input.patientId),
                doctorId: input.doctorId ? toObjectId(input.doctorId) : null,
                specialty: input.specialty,
                visitTypeId: input.visitTypeId ? toObjectId(input.visitTypeId) : null,
                windows: input.windows,
                note: input.note,
                status: 'waiting',
              },
            ],
            { session },
          );
          await audit.pending(record, created!._id.toHexString(), session);
          return entry(created!._id.toHexString(), session);
        });
      }),

    list: ({ limit, offset, doctorId, status }) =>
      mongoCall(async () => {
        if (doctorId && !isObjectIdHex(doctorId)) return { items: [], total: 0 };
        const filter = { ...(doctorId ? { doctorId: toObjectId(doctorId) } : {}), status: status ?? { $ne: 'removed' as const } };
        const [docs, total] = await Promise.all([
          WaitlistEntry.find(filter).sort({ createdAt: 1, _id: 1 }).skip(offset).limit(limit).lean(),
          WaitlistEntry.countDocuments(filter),
        ]);
        return { items: await entryViews(models, docs), total };
      }),

    get: (id) => mongoCall(async () => (isObjectIdHex(id) ? entry(id) : null)),

    remove: (id, now, record) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        return inTransaction(async (session) => {
          const removed = await WaitlistEntry.findOneAndUpdate({ _id: id }, { $set: { status: 'removed' } }, { session }).lean();
          if (!removed) return null;
          const open = await WaitlistOffer.find({ entryId: removed._id, status: 'open' }).session(session).lean();
          for (const offer of open) {
            await endOffer(offer, 'withdrawn', now, { ...record, action: 'waitlist.withdraw', resourceType: 'waitlist_offer' }, session);
          }
          await audit.pending(record, id, session);
          return entry(id, session);
        });
      }),

    candidates: (freedId, doctorId, specialty) =>
      mongoCall(async () => {
        const offered = await WaitlistOffer.distinct('entryId', { freedId: toObjectId(freedId) });
        const docs = await WaitlistEntry.find({
          status: 'waiting',
          _id: { $nin: offered },
          $or: [{ doctorId: toObjectId(doctorId) }, { doctorId: null, specialty }],
        })
          .sort({ createdAt: 1, _id: 1 })
          .limit(50)
          .lean();
        return entryViews(models, docs);
      }),

    openFreed: (limit) =>
      mongoCall(async () => {
        const docs = await FreedSlot.find({ state: 'open' }).sort({ createdAt: 1, _id: 1 }).limit(limit).lean();
        return docs.map((doc) => ({
          id: doc._id.toHexString(),
          doctorId: doc.doctorId.toHexString(),
          start: doc.start,
          end: doc.end,
          round: doc.round,
        }));
      }),

    hold: ({ freedId, round, entryId, appointment, expiresAt, audit: record }) =>
      mongoCall(async () => {
        const doctorId = toObjectId(appointment.doctor.id);
        const patientId = toObjectId(appointment.patient.id);
        const bufferMinutes = appointment.bufferMinutes ?? 0;
        const busyUntil = new Date(appointment.end.getTime() + bufferMinutes * 60_000);
        try {
          return await inTransaction(async (session): Promise<WaitlistOffer> => {
            const now = new Date();
            const took = await FreedSlot.updateOne(
              { _id: freedId, round, state: 'open' },
              { $set: { state: 'offered' }, $inc: { round: 1 } },
              { session },
            );
            if (took.modifiedCount === 0) throw new Taken('round-taken');
            const offered = await WaitlistEntry.updateOne(
              { _id: entryId, status: 'waiting' },
              { $set: { status: 'offered' } },
              { session },
            );
            if (offered.modifiedCount === 0) throw new Taken('entry-taken');
            await takeBookingLocks(
              models,
              bookingLockKeys(appointment.doctor.id, appointment.patient.id, appointment.start, busyUntil),
              session,
            );
            if (await offDuring(models, doctorId, appointment.start, busyUntil, session)) throw timeOffRefusal();
            const probe = { doctorId, patientId, start: appointment.start, end: appointment.end, busyUntil };
            const conflict = await findConflict(models, probe, session);
            if (conflict) throw conflictError(conflict);
            const siteId = appointment.site && isObjectIdHex(appointment.site.id) ? toObjectId(appointment.site.id) : DEFAULT_SITE_ID;
            const [hold] = await Appointment.create(
              [
                {
                  ...probe,
                  status: 'HELD',
                  reason: appointment.reason,
                  visitTypeId: appointment.visitType ? toObjectId(appointment.visitType.id) : null,
                  bufferMinutes,
                  siteId,
                },
              ],
              { session },
            );
            const [offer] = await WaitlistOffer.create(
              [
                {
                  entryId: toObjectId(entryId),
                  freedId: toObjectId(freedId),
                  appointmentId: hold!._id,
                  doctorId,
                  start: appointment.start,
                  end: appointment.end,
                  status: 'open',
                  expiresAt,
                  createdAt: now,
                  decidedAt: null,
                },
              ],
              { session },
            );
            await audit.pending(record, offer!._id.toHexString(), session);
            return toOffer(offer!.toObject());
          });
        } catch (error) {
          if (error instanceof Taken) return error.outcome;
          throw error;
        }
      }),

    closeFreed: (id, round) =>
      mongoCall(async () => {
        await FreedSlot.updateOne({ _id: id, round, state: 'open' }, { $set: { state: 'closed' } });
      }),

    offer: (id) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const doc = await WaitlistOffer.findById(id).lean();
        const owner = doc && (await WaitlistEntry.findById(doc.entryId, { patientId: 1 }).lean());
        const patient = owner && (await Patient.findById(owner.patientId, { name: 1, email: 1 }).lean());
        if (!doc || !patient) return null;
        const held = doc.appointmentId ? await Appointment.findById(doc.appointmentId).lean() : null;
        return {
          ...toOffer(doc),
          appointment: held ? ((await appointmentViews(models, [held]))[0] ?? null) : null,
          patient: { id: patient._id.toHexString(), name: patient.name, email: patient.email ?? null },
        };
      }),

    accept: (id, now, records) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        return inTransaction(async (session) => {
          // Written first: an expiry or a decline racing this one conflicts here and reads the outcome.
          const offer = await WaitlistOffer.findOneAndUpdate({ _id: id }, { $inc: { turns: 1 } }, { session }).lean();
          if (!offer) return null;
          if (offer.status !== 'open') return { accepted: false as const, status: offer.status };
          if (offer.expiresAt <= now) return { accepted: false as const, status: 'expired' as const };
          const booked = await Appointment.findOneAndUpdate(
            { _id: offer.appointmentId, status: 'HELD' },
            { $set: { status: 'BOOKED' } },
            { returnDocument: 'after', session },
          ).lean();
          await WaitlistOffer.updateOne({ _id: id }, { $set: { status: 'accepted', decidedAt: now } }, { session });
          await WaitlistEntry.updateOne({ _id: offer.entryId }, { $set: { status: 'booked' } }, { session });
          await FreedSlot.updateOne({ _id: offer.freedId, state: 'offered' }, { $set: { state: 'open' } }, { session });
          const [appointment] = await appointmentViews(models, [booked!], session);
          for (const record of records) await audit.pending(record, record.resourceType === 'appointment' ? appointment!.id : id, session);
          return { accepted: true as const, appointment: appointment! };
        });
      }),

    decline: (id, now, record) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        return inTransaction(async (session) => {
          const offer = await WaitlistOffer.findOneAndUpdate({ _id: id }, { $inc: { turns: 1 } }, { session }).lean();
          if (!offer) return null;
          if (offer.status !== 'open') return offer.status;
          return (await endOffer(offer, 'declined', now, record, session)).status;
        });
      }),

    expireDue: (now, recordOf) =>
      mongoCall(async () => {
        const due = await WaitlistOffer.find({ status: 'open', expiresAt: { $lte: now } })
          .sort({ expiresAt: 1, _id: 1 })
          .limit(20)
          .lean();
        const ended: WaitlistOffer[] = [];
        for (const { _id } of due) {
          const offer = await inTransaction(async (session) => {
            // Still open in this transaction's view, or an accept got there first.
            const current = await WaitlistOffer.findOneAndUpdate(
              { _id, status: 'open', expiresAt: { $lte: now } },
              { $inc: { turns: 1 } },
              { session },
            ).lean();
            return current ? endOffer(current, 'expired', now, recordOf(toOffer(current)), session) : null;
          });
          if (offer) ended.push(offer);
        }
        return ended;
      }),
  };
}
