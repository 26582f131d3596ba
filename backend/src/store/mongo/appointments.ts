import type { ClientSession, Connection } from 'mongoose';
import { invalidTransition, NotFoundError, timeOffRefusal } from '../../errors.js';
import {
  ParticipantsChangedError,
  type AppointmentRepository,
  type AppointmentView,
  type IdempotencyCompletion,
  type NewAppointment,
  type StatusChange,
  LISTED_BY_DEFAULT,
} from '../store.js';
import { recordFreed } from './freed-slots.js';
import type { MongoAuditWriter } from './audit.js';
import { BOOKING_RETRY_POLICY, runBookingTransaction } from './booking-transaction.js';
import { mongoCall } from './errors.js';
import { bookingLockKeys, takeBookingLocks } from './locks.js';
import { isObjectIdHex, toDoctor, toObjectId, toPatient } from './mapping.js';
import type { Models } from './models/index.js';
import { conflictError, findConflict, overlapping, type Conflict, type OverlapProbe } from './overlap.js';
import { offDuring } from './time-off.js';
import { DEFAULT_SITE_ID } from './models/site.js';
import { appointmentViews } from './views.js';

const busyEnd = (end: Date, bufferMinutes = 0) => new Date(end.getTime() + bufferMinutes * 60_000);

// Each step stamps its own pair of fields.
const STAMPED: Record<StatusChange['status'], 'checkedIn' | 'completed' | 'noShow'> = {
  CHECKED_IN: 'checkedIn',
  COMPLETED: 'completed',
  NO_SHOW: 'noShow',
};

/** Appointments stored before visit types kept their doctor until their end: once, at start-up. */
export async function backfillBusyUntil({ Appointment }: Pick<Models, 'Appointment'>): Promise<void> {
  await Appointment.updateMany({ busyUntil: { $exists: false } }, [{ $set: { busyUntil: '$end', bufferMinutes: 0 } }], {
    timestamps: false,
  });
}

/** Without an audit writer (unit tests of the booking rules) writes store no audit record. */
export function mongoAppointments(
  connection: Connection,
  models: Models,
  policy = BOOKING_RETRY_POLICY,
  audit?: MongoAuditWriter,
): AppointmentRepository {
  const { Appointment, Doctor, Patient, IdempotencyRecord } = models;

  async function remember(idempotency: IdempotencyCompletion | undefined, view: AppointmentView, session: ClientSession) {
    if (!idempotency) return;
    const { status, body } = idempotency.render(view);
    await IdempotencyRecord.updateOne({ _id: idempotency.key }, { $set: { statusCode: status, responseBody: body } }, { session });
  }

  /** `explain` says who holds the time when every attempt collided; without it that answer is 503. */
  async function inTransaction<T>(work: (session: ClientSession) => Promise<T>, explain?: () => Promise<Conflict | null>): Promise<T> {
    const session = await connection.startSession();
    try {
      const result = await runBookingTransaction(session, () => work(session), policy, explain);
      audit?.chainSoon();
      return result;
    } finally {
      await session.endSession();
    }
  }

  // Written first in every booking transaction: a concurrent overlapping booking of the same doctor
  // or patient then conflicts with this one instead of reading a snapshot without it (write skew).
  const lockParticipants = (probe: OverlapProbe, session: ClientSession) =>
    takeBookingLocks(
      models,
      bookingLockKeys(probe.doctorId.toHexString(), probe.patientId.toHexString(), probe.start, probe.busyUntil),
      session,
    );

  // The SQL statement's check, read in this transaction's snapshot.
  async function unchanged({ doctor, patient, versions }: NewAppointment, session: ClientSession) {
    const sameVersion = (doc: { updatedAt: Date } | null, version: Date) => doc?.updatedAt.getTime() === version.getTime();
    const current = await Doctor.findById(doctor.id, { updatedAt: 1 }).session(session).lean();
    if (!sameVersion(current, versions.doctor)) return false;
    return sameVersion(await Patient.findById(patient.id, { updatedAt: 1 }).session(session).lean(), versions.patient);
  }

  // Read again outside the transaction, once every attempt of a reschedule collided.
  async function rescheduleProbe(id: string, start: Date, end: Date, toDoctor?: string): Promise<OverlapProbe | null> {
    const found = await Appointment.findById(id).lean();
    if (!found) return null;
    const current = toDoctor && isObjectIdHex(toDoctor) ? { ...found, doctorId: toObjectId(toDoctor) } : found;
    return {
      doctorId: current.doctorId,
      patientId: current.patientId,
      start,
      end,
      busyUntil: busyEnd(end, current.bufferMinutes),
      except: current._id,
    };
  }

  return {
    participants: (doctorId, patientId) =>
      mongoCall(async () => {
        const [doctor, patient] = await Promise.all([
          isObjectIdHex(doctorId) ? Doctor.findById(doctorId).lean() : null,
          isObjectIdHex(patientId) ? Patient.findById(patientId).lean() : null,
        ]);
        return { doctor: doctor && toDoctor(doctor), patient: patient && toPatient(patient) };
      }),

    book: (input, idempotency, entry) =>
      mongoCall(async () => {
        const probe = {
          doctorId: toObjectId(input.doctor.id),
          patientId: toObjectId(input.patient.id),
          start: input.start,
          end: input.end,
          busyUntil: busyEnd(input.end, input.bufferMinutes ?? 0),
        };
        const visitType = {
          visitTypeId: input.visitType ? toObjectId(input.visitType.id) : null,
          bufferMinutes: input.bufferMinutes ?? 0,
          siteId: input.site && isObjectIdHex(input.site.id) ? toObjectId(input.site.id) : DEFAULT_SITE_ID,
        };
        return inTransaction(
          async (session) => {
            await lockParticipants(probe, session);
            if (!(await unchanged(input, session))) throw new ParticipantsChangedError();
            if (await offDuring(models, probe.doctorId, probe.start, probe.busyUntil, session)) throw timeOffRefusal();
            const conflict = await findConflict(models, probe, session);
            if (conflict) throw conflictError(conflict);
            const [created] = await Appointment.create([{ ...probe, ...visitType, status: 'BOOKED', reason: input.reason }], { session });
            const [view] = await appointmentViews(models, [created!.toObject()], session);
            await remember(idempotency, view!, session);
            await audit?.pending(entry, view!.id, session);
            return view!;
          },
          () => findConflict(models, probe),
        );
      }),

    reschedule: (id, start, end, idempotency, entry, to) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) throw new NotFoundError('Appointment not found');
        return inTransaction(
          async (session) => {
            const current = await Appointment.findById(id).session(session).lean();
            if (!current) throw new NotFoundError('Appointment not found');
            if (current.status !== 'BOOKED') throw invalidTransition(current.status, 'rescheduled');
            const busyUntil = busyEnd(end, current.bufferMinutes);
            // Another doctor's lock documents and time off are the ones that matter for a move to them.
            const doctorId = to?.doctorId && isObjectIdHex(to.doctorId) ? toObjectId(to.doctorId) : current.doctorId;
            const probe = { doctorId, patientId: current.patientId, start, end, busyUntil, except: current._id };
            await lockParticipants(probe, session);
            if (await offDuring(models, probe.doctorId, start, busyUntil, session)) throw timeOffRefusal();
            const conflict = await findConflict(models, probe, session);
            if (conflict) throw conflictError(conflict);
            const moved = await Appointment.findOneAndUpdate(
              { _id: current._id },
              {
                $set: {
                  start,
                  end,
                  busyUntil,
                  doctorId,
                  ...(to?.siteId && isObjectIdHex(to.siteId) ? { siteId: toObjectId(to.siteId) } : {}),
                },
                $inc: { revision: 1 },
              },
              { returnDocument: 'after', session },
            ).lean();
            await recordFreed(models, current, session);
            const [view] = await appointmentViews(models, [moved!], session);
            await remember(idempotency, view!, session);
            await audit?.pending(entry, view!.id, session);
            return view!;
          },
          async () => {
            const probe = await rescheduleProbe(id, start, end, to?.doctorId);
            return probe ? findConflict(models, probe) : null;
          },
        );
      }),

    cancel: (id, reason, idempotency, entry) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) throw new NotFoundError('Appointment not found');
        return inTransaction(async (session) => {
          const now = new Date();
          const updated = await Appointment.findOneAndUpdate(
            { _id: id, status: 'BOOKED' },
            { $set: { status: 'CANCELLED', cancelledAt: now, cancellationReason: reason } },
            { returnDocument: 'after', session },
          ).lean();
          if (!updated) {
            const current = await Appointment.findById(id, { status: 1 }).session(session).lean();
            if (!current) throw new NotFoundError('Appointment not found');
            throw invalidTransition(current.status, 'cancelled');
          }
          await recordFreed(models, updated, session);
          const [view] = await appointmentViews(models, [updated], session);
          await remember(idempotency, view!, session);
          await audit?.pending(entry, view!.id, session);
          return view!;
        });
      }),

    setStatus: (id, from, change, idempotency, entry) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const stamp = STAMPED[change.status];
        return inTransaction(async (session) => {
          const updated = await Appointment.findOneAndUpdate(
            { _id: id, status: from },
            { $set: { status: change.status, [`${stamp}At`]: change.at, [`${stamp}By`]: change.by } },
            { returnDocument: 'after', session },
          ).lean();
          if (!updated) return null;
          const [view] = await appointmentViews(models, [updated], session);
          await remember(idempotency, view!, session);
          await audit?.pending(entry, view!.id, session);
          return view!;
        });
      }),

    confirmByPatient: (id, at, entry) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const confirmed = await inTransaction(async (session) => {
          // Only the first confirmation stamps it; a repeat matches nothing and reads it back below.
          const updated = await Appointment.findOneAndUpdate(
            { _id: id, status: 'BOOKED', patientConfirmedAt: null },
            { $set: { patientConfirmedAt: at } },
            { returnDocument: 'after', session },
          ).lean();
          if (!updated) return null;
          const [view] = await appointmentViews(models, [updated], session);
          await audit?.pending(entry, view!.id, session);
          return view!;
        });
        if (confirmed) return confirmed;
        const doc = await Appointment.findById(id).lean();
        return doc?.status === 'BOOKED' ? (await appointmentViews(models, [doc]))[0]! : null;
      }),

    get: (id) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const doc = await Appointment.findById(id).lean();
        return doc ? (await appointmentViews(models, [doc]))[0]! : null;
      }),

    list: ({ doctorId, patientId, statuses, from, to, limit, offset, newestFirst }) =>
      mongoCall(async () => {
        if ((doctorId && !isObjectIdHex(doctorId)) || (patientId && !isObjectIdHex(patientId))) return { items: [], total: 0 };
        const filter = {
          ...(doctorId ? { doctorId: toObjectId(doctorId) } : {}),
          ...(patientId ? { patientId: toObjectId(patientId) } : {}),
          status: { $in: [...(statuses ?? LISTED_BY_DEFAULT)] },
          ...(from || to ? { start: { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) } } : {}),
        };
        const direction = newestFirst ? -1 : 1;
        const [docs, total] = await Promise.all([
          Appointment.find(filter).sort({ start: direction, _id: direction }).skip(offset).limit(limit).lean(),
          Appointment.countDocuments(filter),
        ]);
        return { items: await appointmentViews(models, docs), total };
      }),

    doctorDay: (doctorId, from, to) =>
      mongoCall(async () => {
        if (!isObjectIdHex(doctorId)) return { doctor: null, booked: [], off: [] };
        const [doctor, docs, off] = await Promise.all([
          Doctor.findById(doctorId).lean(),
          Appointment.find(overlapping('doctorId', toObjectId(doctorId), from, to), { start: 1, busyUntil: 1 })
            .sort({ start: 1 })
            .lean(),
          models.TimeOff.find({ doctorId: toObjectId(doctorId), start: { $lt: to }, end: { $gt: from } }, { start: 1, end: 1 })
            .sort({ start: 1 })
            .lean(),
        ]);
        const booked = docs.map(({ start, busyUntil }) => ({ start, end: busyUntil }));
        return { doctor: doctor && toDoctor(doctor), booked, off: off.map(({ start, end }) => ({ start, end })) };
      }),
  };
}
