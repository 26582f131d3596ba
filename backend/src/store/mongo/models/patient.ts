import { Schema, type Connection, type Types } from 'mongoose';
import type { Patient } from '../../store.js';

export type PatientDoc = Omit<Patient, 'id'> & {
  _id: Types.ObjectId;
  /** Lower-cased email: the unique index on it makes uniqueness case-insensitive. */
  emailKey: string;
};

const patientSchema = new Schema<PatientDoc>(
  {
    name: { type: String, required: true },
    email: { type: String, required: true },
    emailKey: { type: String, required: true, unique: true },
    phone: { type: String, default: null },
    dateOfBirth: { type: String, default: null },
  },
  { timestamps: true, versionKey: false },
);
patientSchema.index({ name: 1 });

export const patientModel = (connection: Connection) => connection.model<PatientDoc>('Patient', patientSchema);
