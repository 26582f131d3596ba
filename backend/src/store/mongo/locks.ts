import type { ClientSession } from 'mongoose';
import type { Models } from './models/index.js';

const DAY_MS = 24 * 60 * 60 * 1000;
// A lock document outlives its day by a week, then the TTL monitor removes it.
const KEEP_AFTER_DAY_MS = 7 * DAY_MS;

export type LockKey = { id: string; expiresAt: Date };

/** The UTC days [start, end) touches, as midnights; half-open, so an end at midnight stays on the day before. */
function daysTouched(start: Date, end: Date): Date[] {
  const days: Date[] = [];
  for (let day = Math.floor(start.getTime() / DAY_MS) * DAY_MS; day < end.getTime(); day += DAY_MS) days.push(new Date(day));
  return days;
}

/**
 * The lock documents a booking of [start, end) must write: the doctor's and the patient's for
 * each UTC day touched (one or two, as an appointment lasts at most 8 hours), in sorted order so
 * every transaction takes them in the same sequence.
 */
export function bookingLockKeys(doctorId: string, patientId: string, start: Date, end: Date): LockKey[] {
  const keys = daysTouched(start, end).flatMap((day) => {
    const date = day.toISOString().slice(0, 10);
    const expiresAt = new Date(day.getTime() + DAY_MS + KEEP_AFTER_DAY_MS);
    return [
      { id: `doctor:${doctorId}:${date}`, expiresAt },
      { id: `patient:${patientId}:${date}`, expiresAt },
    ];
  });
  return keys.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The doctor's lock documents for every UTC day [start, end) touches: time off writes them, so a
 * booking of that doctor on those days in flight at the same time conflicts with it, and one of
 * the two transactions runs again and sees the other.
 */
export function doctorLockKeys(doctorId: string, start: Date, end: Date): LockKey[] {
  return daysTouched(start, end).map((day) => ({
    id: `doctor:${doctorId}:${day.toISOString().slice(0, 10)}`,
    expiresAt: new Date(day.getTime() + DAY_MS + KEEP_AFTER_DAY_MS),
  }));
}

/** Written first in a booking transaction, one after the other (a transaction's operations must not overlap). */
export async function takeBookingLocks({ BookingLock }: Models, keys: LockKey[], session: ClientSession): Promise<void> {
  for (const key of keys) {
    await BookingLock.updateOne(
      { _id: key.id },
      { $inc: { version: 1 }, $setOnInsert: { expiresAt: key.expiresAt } },
      { upsert: true, session },
    );
  }
}
