import { Schema, type Connection, type Types } from 'mongoose';
import type { Appointment } from '../../store.js';

// The domain appointment, with references stored as ObjectIds so they can be indexed and joined,
// and the end of the doctor's busy time (end plus buffer) stored for the overlap probe.
export type AppointmentDoc = Omit<Appointment, 'id' | 'doctorId' | 'patientId' | 'visitTypeId' | 'siteId'> & {
  _id: Types.ObjectId;
  doctorId: Types.ObjectId;
  patientId: Types.ObjectId;
  visitTypeId: Types.ObjectId | null;
  /** Absent on appointments stored before sites: the default site. */
  siteId?: Types.ObjectId;
  busyUntil: Date;
};

const appointmentSchema = new Schema<AppointmentDoc>(
  {
    doctorId: { type: Schema.Types.ObjectId, required: true, ref: 'Doctor' },
    patientId: { type: Schema.Types.ObjectId, required: true, ref: 'Patient' },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    status: { type: String, required: true, enum: ['BOOKED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'HELD'] },
    reason: { type: String, default: null },
    cancelledAt: { type: Date, default: null },
    cancellationReason: { type: String, default: null },
    checkedInAt: { type: Date, default: null },
    checkedInBy: { type: String, default: null },
    completedAt: { type: Date, default: null },
    completedBy: { type: String, default: null },
    noShowAt: { type: Date, default: null },
    noShowBy: { type: String, default: null },
    patientConfirmedAt: { type: Date, default: null },
    revision: { type: Number, default: 0 },
    visitTypeId: { type: Schema.Types.ObjectId, default: null, ref: 'VisitType' },
    bufferMinutes: { type: Number, default: 0, min: 0, max: 240 },
    busyUntil: { type: Date, required: true },
    siteId: { type: Schema.Types.ObjectId, ref: 'Site' },
  },
  { timestamps: true, versionKey: false },
);
// The overlap probe (doctor, a status that holds time, start < end') and the day lists both walk these.
appointmentSchema.index({ doctorId: 1, status: 1, start: 1 });
appointmentSchema.index({ patientId: 1, status: 1, start: 1 });
// The clinic's day, a page at a time in (start, _id) order.
appointmentSchema.index({ start: 1, _id: 1 });
// The lock documents keep BOOKED intervals apart; this catches what bypasses them (a script, a
// manual insert) at least for the commonest collision, the same doctor at the same start.
appointmentSchema.index(
  { doctorId: 1, start: 1 },
  { name: 'doctor_start_booked_unique', unique: true, partialFilterExpression: { status: 'BOOKED' } },
);

export const appointmentModel = (connection: Connection) => connection.model<AppointmentDoc>('Appointment', appointmentSchema);
