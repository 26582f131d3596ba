import type { ClientSession, Connection, QueryFilter, Types } from 'mongoose';
import { bookingConflict, ConflictError, NotFoundError, patientConflict } from '../../errors.js';
import {
  ParticipantsChangedError,
  type AppointmentRepository,
  type AppointmentView,
  type IdempotencyCompletion,
  type NewAppointment,
} from '../store.js';
import type { MongoAuditWriter } from './audit.js';
import { mongoCall } from './errors.js';
import { isObjectIdHex, toAppointmentView, toDoctor, toObjectId, toPatient } from './mapping.js';
import type { AppointmentDoc } from './models/appointment.js';
import type { Models } from './models/index.js';
import { runTransaction, TransactionRetriesExhausted, type RetryPolicy, type TransactionSession } from './retry.js';

export const BOOKING_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 5 };

/** A booking still colliding after every retry means others keep taking that time: report it as taken. */
export async function runBookingTransaction<T>(session: TransactionSession, work: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  try {
    return await runTransaction(session, work, policy);
  } catch (error) {
    if (error instanceof TransactionRetriesExhausted) throw bookingConflict();
    throw error;
  }
}

export function mongoAppointments(
  connection: Connection,
  models: Models,
  audit: MongoAuditWriter,
  policy = BOOKING_RETRY_POLICY,
): AppointmentRepository {
  const { Appointment, BookingLock, Doctor, Patient, IdempotencyRecord } = models;

  async function views(docs: AppointmentDoc[], session?: ClientSession): Promise<AppointmentView[]> {
    const doctorIds = [...new Set(docs.map((doc) => doc.doctorId.toHexString()))];
    const patientIds = [...new Set(docs.map((doc) => doc.patientId.toHexString()))];
    const [doctors, patients] = await Promise.all([
      Doctor.find({ _id: { $in: doctorIds } }, { name: 1, specialty: 1 })
        .session(session ?? null)
        .lean(),
      Patient.find({ _id: { $in: patientIds } }, { name: 1 })
        .session(session ?? null)
        .lean(),
    ]);
    const names = {
      doctors: new Map(doctors.map((doc) => [doc._id.toHexString(), doc])),
      patients: new Map(patients.map((doc) => [doc._id.toHexString(), doc])),
    };
    return docs.map((doc) => toAppointmentView(doc, names));
  }

  async function remember(idempotency: IdempotencyCompletion | undefined, view: AppointmentView, session: ClientSession) {
    if (!idempotency) return;
    const { status, body } = idempotency.render(view);
    await IdempotencyRecord.updateOne({ _id: idempotency.key }, { $set: { statusCode: status, responseBody: body } }, { session });
  }

  async function inTransaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
    const session = await connection.startSession();
    try {
      const result = await runBookingTransaction(session, () => work(session), policy);
      audit.chainSoon();
      return result;
    } finally {
      await session.endSession();
    }
  }

  // Written first in every booking transaction: a concurrent booking of the same doctor or patient
  // then conflicts with this one instead of reading a snapshot without it (write skew).
  async function lockParticipants(doctorId: string, patientId: string, session: ClientSession) {
    await BookingLock.updateOne({ _id: `doctor:${doctorId}` }, { $inc: { version: 1 } }, { upsert: true, session });
    await BookingLock.updateOne({ _id: `patient:${patientId}` }, { $inc: { version: 1 } }, { upsert: true, session });
  }

  // The SQL statement's check, read in this transaction's snapshot.
  async function unchanged({ doctor, patient, versions }: NewAppointment, session: ClientSession) {
    const sameVersion = (doc: { updatedAt: Date } | null, version: Date) => doc?.updatedAt.getTime() === version.getTime();
    const current = await Doctor.findById(doctor.id, { updatedAt: 1 }).session(session).lean();
    if (!sameVersion(current, versions.doctor)) return false;
    return sameVersion(await Patient.findById(patient.id, { updatedAt: 1 }).session(session).lean(), versions.patient);
  }

  // Half-open intervals: one ending at 10:30 does not overlap one starting at 10:30.
  const overlapping = (field: 'doctorId' | 'patientId', id: Types.ObjectId, start: Date, end: Date): QueryFilter<AppointmentDoc> => ({
    ...(field === 'doctorId' ? { doctorId: id } : { patientId: id }),
    status: 'BOOKED',
    start: { $lt: end },
    end: { $gt: start },
  });

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
        const doctorId = toObjectId(input.doctor.id);
        const patientId = toObjectId(input.patient.id);
        return inTransaction(async (session) => {
          await lockParticipants(input.doctor.id, input.patient.id, session);
          if (!(await unchanged(input, session))) throw new ParticipantsChangedError();
          if (await Appointment.exists(overlapping('doctorId', doctorId, input.start, input.end)).session(session)) throw bookingConflict();
          if (await Appointment.exists(overlapping('patientId', patientId, input.start, input.end)).session(session))
            throw patientConflict();
          const [created] = await Appointment.create(
            [{ doctorId, patientId, start: input.start, end: input.end, status: 'BOOKED', reason: input.reason }],
            { session },
          );
          const [view] = await views([created!.toObject()], session);
          await remember(idempotency, view!, session);
          await audit.pending(entry, view!.id, session);
          return view!;
        });
      }),

    reschedule: (id, start, end, idempotency, entry) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) throw new NotFoundError('Appointment not found');
        return inTransaction(async (session) => {
          const current = await Appointment.findById(id).session(session).lean();
          if (!current) throw new NotFoundError('Appointment not found');
          if (current.status !== 'BOOKED') throw new ConflictError('ALREADY_CANCELLED', 'Appointment is already cancelled');
          await lockParticipants(current.doctorId.toHexString(), current.patientId.toHexString(), session);
          const others = { _id: { $ne: current._id } };
          if (await Appointment.exists({ ...overlapping('doctorId', current.doctorId, start, end), ...others }).session(session))
            throw bookingConflict();
          if (await Appointment.exists({ ...overlapping('patientId', current.patientId, start, end), ...others }).session(session))
            throw patientConflict();
          const moved = await Appointment.findOneAndUpdate({ _id: current._id }, { $set: { start, end } }, { new: true, session }).lean();
          const [view] = await views([moved!], session);
          await remember(idempotency, view!, session);
          await audit.pending(entry, view!.id, session);
          return view!;
        });
      }),

    cancel: (id, reason, idempotency, entry) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) throw new NotFoundError('Appointment not found');
        return inTransaction(async (session) => {
          const now = new Date();
          const updated = await Appointment.findOneAndUpdate(
            { _id: id, status: 'BOOKED' },
            { $set: { status: 'CANCELLED', cancelledAt: now, cancellationReason: reason } },
            { new: true, session },
          ).lean();
          if (!updated) {
            const exists = await Appointment.exists({ _id: id }).session(session);
            if (!exists) throw new NotFoundError('Appointment not found');
            throw new ConflictError('ALREADY_CANCELLED', 'Appointment is already cancelled');
          }
          const [view] = await views([updated], session);
          await remember(idempotency, view!, session);
          await audit.pending(entry, view!.id, session);
          return view!;
        });
      }),

    get: (id) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const doc = await Appointment.findById(id).lean();
        return doc ? (await views([doc]))[0]! : null;
      }),

    list: ({ doctorId, patientId, status, from, to, limit, offset, newestFirst }) =>
      mongoCall(async () => {
        if ((doctorId && !isObjectIdHex(doctorId)) || (patientId && !isObjectIdHex(patientId))) return { items: [], total: 0 };
        const filter = {
          ...(doctorId ? { doctorId: toObjectId(doctorId) } : {}),
          ...(patientId ? { patientId: toObjectId(patientId) } : {}),
          ...(status ? { status } : {}),
          ...(from || to ? { start: { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) } } : {}),
        };
        const direction = newestFirst ? -1 : 1;
        const [docs, total] = await Promise.all([
          Appointment.find(filter).sort({ start: direction, _id: direction }).skip(offset).limit(limit).lean(),
          Appointment.countDocuments(filter),
        ]);
        return { items: await views(docs), total };
      }),

    doctorDay: (doctorId, from, to) =>
      mongoCall(async () => {
        if (!isObjectIdHex(doctorId)) return { doctor: null, booked: [] };
        const [doctor, docs] = await Promise.all([
          Doctor.findById(doctorId).lean(),
          Appointment.find(overlapping('doctorId', toObjectId(doctorId), from, to), { start: 1, end: 1 })
            .sort({ start: 1 })
            .lean(),
        ]);
        return { doctor: doctor && toDoctor(doctor), booked: docs.map((doc) => ({ start: doc.start, end: doc.end })) };
      }),
  };
}
