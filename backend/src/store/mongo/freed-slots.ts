import type { ClientSession, Types } from 'mongoose';
import type { Models } from './models/index.js';

/**
 * Time given back while someone is waiting becomes the waitlist's to offer, written in the session
 * of the change that gave it back (migration 018's rule for SQL); with nobody waiting, nothing.
 */
export async function recordFreed(
  { WaitlistEntry, FreedSlot }: Pick<Models, 'WaitlistEntry' | 'FreedSlot'>,
  time: { doctorId: Types.ObjectId; start: Date; end: Date },
  session: ClientSession,
): Promise<void> {
  const now = new Date();
  if (time.end <= now) return;
  if (!(await WaitlistEntry.exists({ status: { $in: ['waiting', 'offered'] } }).session(session))) return;
  await FreedSlot.create([{ doctorId: time.doctorId, start: time.start, end: time.end, state: 'open', round: 0, createdAt: now }], {
    session,
  });
}
