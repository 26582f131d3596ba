import { Schema, type Connection } from 'mongoose';

export type IdempotencyRecordDoc = {
  _id: string;
  requestHash: string;
  statusCode: number | null;
  responseBody: unknown;
  lockedAt: Date;
  expiresAt: Date;
};

const idempotencyRecordSchema = new Schema<IdempotencyRecordDoc>(
  {
    _id: { type: String, required: true },
    requestHash: { type: String, required: true },
    statusCode: { type: Number, default: null },
    responseBody: { type: Schema.Types.Mixed, default: null },
    lockedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  // minimize off: a stored response is replayed byte for byte, empty objects included.
  { versionKey: false, minimize: false },
);
// MongoDB's TTL monitor deletes records once expiresAt passes.
idempotencyRecordSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const idempotencyRecordModel = (connection: Connection) =>
  connection.model<IdempotencyRecordDoc>('IdempotencyRecord', idempotencyRecordSchema, 'idempotency_records');
