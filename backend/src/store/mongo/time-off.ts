import type { ClientSession, Connection, Types } from 'mongoose';
import { HOLDS_TIME, type TimeOff, type TimeOffRepository } from '../store.js';
import { BOOKING_RETRY_POLICY } from './booking-transaction.js';
import { mongoCall } from './errors.js';
import { doctorLockKeys, takeBookingLocks } from './locks.js';
import { isObjectIdHex, toObjectId } from './mapping.js';
import type { Models } from './models/index.js';
import type { TimeOffDoc } from './models/time-off.js';
import { recordFreed } from './freed-slots.js';
import { runTransaction } from './retry.js';
import { appointmentViews } from './views.js';

const toTimeOff = (doc: TimeOffDoc & { createdAt: Date }): TimeOff => ({
  id: doc._id.toHexString(),
  doctorId: doc.doctorId.toHexString(),
  start: doc.start,
  end: doc.end,
  reason: doc.reason,
  createdAt: doc.createdAt,
});

/** Whether the doctor is off at any moment of [start, end), read in the caller's transaction. */
export async function offDuring({ TimeOff }: Models, doctorId: Types.ObjectId, start: Date, end: Date, session?: ClientSession) {
  return Boolean(await TimeOff.exists({ doctorId, start: { $lt: end }, end: { $gt: start } }).session(session ?? null));
}

export function mongoTimeOff(connection: Connection, models: Models): TimeOffRepository {
  const { Doctor, TimeOff, Appointment } = models;
  return {
    create: ({ doctorId, start, end, reason }) =>
      mongoCall(async () => {
        if (!isObjectIdHex(doctorId)) return null;
        const session = await connection.startSession();
        try {
          return await runTransaction(
            session,
            async () => {
              if (!(await Doctor.exists({ _id: doctorId }).session(session))) return null;
              // The lock documents a booking of this doctor on these days writes: one of the two waits for the other.
              await takeBookingLocks(models, doctorLockKeys(doctorId, start, end), session);
              const [created] = await TimeOff.create([{ doctorId: toObjectId(doctorId), start, end, reason }], { session });
              const held = await Appointment.find({
                doctorId: toObjectId(doctorId),
                status: { $in: [...HOLDS_TIME] },
                start: { $lt: end },
                end: { $gt: start },
              })
                .sort({ start: 1, _id: 1 })
                .session(session)
                .lean();
              return {
                timeOff: toTimeOff(created!.toObject() as TimeOffDoc & { createdAt: Date }),
                affected: await appointmentViews(models, held, session),
              };
            },
            BOOKING_RETRY_POLICY,
          );
        } finally {
          await session.endSession();
        }
      }),

    list: (doctorId, from, to) =>
      mongoCall(async () => {
        if (!isObjectIdHex(doctorId)) return [];
        const docs = await TimeOff.find({
          doctorId: toObjectId(doctorId),
          ...(to ? { start: { $lt: to } } : {}),
          ...(from ? { end: { $gt: from } } : {}),
        })
          .sort({ start: 1, _id: 1 })
          .lean();
        return docs.map((doc) => toTimeOff(doc as TimeOffDoc & { createdAt: Date }));
      }),

    get: (id) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const doc = await TimeOff.findById(id).lean();
        return doc ? toTimeOff(doc as TimeOffDoc & { createdAt: Date }) : null;
      }),

    remove: (id) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const session = await connection.startSession();
        try {
          return await runTransaction(
            session,
            async () => {
              const doc = await TimeOff.findByIdAndDelete(id, { session }).lean();
              if (doc) await recordFreed(models, doc, session);
              return doc ? toTimeOff(doc as TimeOffDoc & { createdAt: Date }) : null;
            },
            BOOKING_RETRY_POLICY,
          );
        } finally {
          await session.endSession();
        }
      }),
  };
}
