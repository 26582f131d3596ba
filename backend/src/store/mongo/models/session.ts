import { Schema, type Connection, type Types } from 'mongoose';

/** `_id` is the SHA-256 of the cookie's secret, never the secret itself. */
export type SessionDoc = { _id: string; accountId: Types.ObjectId; createdAt: Date; lastSeenAt: Date; expiresAt: Date };

const sessionSchema = new Schema<SessionDoc>(
  {
    _id: { type: String, required: true },
    accountId: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
sessionSchema.index({ accountId: 1 });
// The absolute lifetime ends a session whatever happens; MongoDB's TTL monitor sweeps it away.
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const sessionModel = (connection: Connection) => connection.model<SessionDoc>('Session', sessionSchema, 'sessions');
