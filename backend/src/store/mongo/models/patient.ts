import { Schema, type Connection, type Types } from 'mongoose';
import type { Patient } from '../../store.js';

export type PatientDoc = Omit<Patient, 'id'> & {
  _id: Types.ObjectId;
  /** Lower-cased email (null without one): the unique index on it makes uniqueness case-insensitive. */
  emailKey: string | null;
  /** What a search matches by prefix; store/patient-search.ts says how they are made. */
  searchKeys: string[];
};

const patientSchema = new Schema<PatientDoc>(
  {
    name: { type: String, required: true },
    email: { type: String, default: null },
    emailKey: { type: String, default: null },
    phone: { type: String, default: null },
    dateOfBirth: { type: String, default: null },
    searchKeys: { type: [String], default: undefined },
  },
  { timestamps: true, versionKey: false },
);
patientSchema.index({ name: 1 });
patientSchema.index({ searchKeys: 1 });
// Partial: only patients with an email take part, so any number may have none.
patientSchema.index(
  { emailKey: 1 },
  { name: 'emailKey_when_given', unique: true, partialFilterExpression: { emailKey: { $type: 'string' } } },
);

export const patientModel = (connection: Connection) => connection.model<PatientDoc>('Patient', patientSchema);
