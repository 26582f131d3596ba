import { Schema, type Connection, type Types } from 'mongoose';
import type { Account } from '../../access.js';

export type AccountDoc = Omit<Account, 'id' | 'doctorId'> & {
  _id: Types.ObjectId;
  doctorId: Types.ObjectId | null;
  /** Lower-cased email: the unique index on it makes uniqueness case-insensitive. */
  emailKey: string;
};

const accountSchema = new Schema<AccountDoc>(
  {
    email: { type: String, required: true },
    emailKey: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    role: { type: String, required: true, enum: ['admin', 'staff', 'doctor'] },
    doctorId: { type: Schema.Types.ObjectId, default: null },
    passwordHash: { type: String, required: true },
    totpSecret: { type: String, default: null },
    totpEnabled: { type: Boolean, default: false },
    disabled: { type: Boolean, default: false },
    lastLoginAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);
accountSchema.index({ role: 1 });

export const accountModel = (connection: Connection) => connection.model<AccountDoc>('Account', accountSchema);
