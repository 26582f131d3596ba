import { Schema, type Connection } from 'mongoose';

/**
 * One document per doctor and per patient, written by every booking transaction that touches
 * them. Two transactions booking the same doctor then write the same document, so MongoDB
 * aborts one with a WriteConflict instead of letting both insert (write skew).
 */
export type BookingLockDoc = { _id: string; version: number };

const bookingLockSchema = new Schema<BookingLockDoc>(
  { _id: { type: String, required: true }, version: { type: Number, default: 0 } },
  { versionKey: false },
);

export const bookingLockModel = (connection: Connection) =>
  connection.model<BookingLockDoc>('BookingLock', bookingLockSchema, 'booking_locks');
