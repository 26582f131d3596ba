import { Schema, type Connection, type Types } from 'mongoose';
import type { ApiToken } from '../../access.js';

export type ApiTokenDoc = Omit<ApiToken, 'id'> & { _id: Types.ObjectId };

const apiTokenSchema = new Schema<ApiTokenDoc>(
  {
    name: { type: String, required: true },
    role: { type: String, required: true, enum: ['admin', 'staff'] },
    tokenHash: { type: String, required: true, unique: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { versionKey: false },
);

export const apiTokenModel = (connection: Connection) => connection.model<ApiTokenDoc>('ApiToken', apiTokenSchema, 'api_tokens');
