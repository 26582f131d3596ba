import { Schema, type Connection } from 'mongoose';

/**
 * One document per doctor and UTC day, and per patient and UTC day, written by every booking
 * transaction whose interval touches that day. Two overlapping bookings share at least one day,
 * so they write the same document and MongoDB aborts one with a WriteConflict instead of letting
 * both insert (write skew); bookings of one doctor on different days no longer collide.
 */
export type BookingLockDoc = { _id: string; version: number; expiresAt: Date };

const bookingLockSchema = new Schema<BookingLockDoc>(
  {
    _id: { type: String, required: true },
    version: { type: Number, default: 0 },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// Nothing books a day long past, so its lock documents can go.
bookingLockSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const bookingLockModel = (connection: Connection) =>
  connection.model<BookingLockDoc>('BookingLock', bookingLockSchema, 'booking_locks');
