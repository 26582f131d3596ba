import { randomBytes } from 'node:crypto';
import { Schema, type Connection, type Types } from 'mongoose';
import type { Doctor } from '../../store.js';

/** The secret in a doctor's calendar feed URL: 32 random bytes, hex. */
export const newCalendarKey = () => randomBytes(32).toString('hex');

// The domain doctor, stored under MongoDB's own _id.
export type DoctorDoc = Omit<Doctor, 'id'> & { _id: Types.ObjectId };

const doctorSchema = new Schema<DoctorDoc>(
  {
    name: { type: String, required: true },
    specialty: { type: String, required: true },
    email: { type: String, default: null },
    phone: { type: String, default: null },
    slotMinutes: { type: Number, required: true, min: 5, max: 480 },
    schedule: { type: Schema.Types.Mixed, default: null },
    calendarKey: { type: String, required: true, default: newCalendarKey },
  },
  // minimize off: a schedule of `{ weekly: {} }` (never works) must not be saved as no schedule
  // at all (clinic hours every day).
  { timestamps: true, versionKey: false, minimize: false },
);
doctorSchema.index({ specialty: 1, name: 1 });

export const doctorModel = (connection: Connection) => connection.model<DoctorDoc>('Doctor', doctorSchema);
