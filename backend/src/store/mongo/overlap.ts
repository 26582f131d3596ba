import type { ClientSession, QueryFilter, Types } from 'mongoose';
import { bookingConflict, patientConflict, slotHeld, type ConflictError } from '../../errors.js';
import { KEEPS_TIME } from '../store.js';
import type { AppointmentDoc } from './models/appointment.js';
import type { Models } from './models/index.js';

/** The longest time an appointment keeps its doctor: 8 hours (services/booking.ts) and a 4-hour buffer. */
export const LONGEST_BUSY_MS = (8 + 4) * 60 * 60_000;

/**
 * Appointments that keep their time (KEEPS_TIME: waitlist holds too) of one doctor or patient and overlap [start, end). Half-open: one ending
 * at 10:30 does not overlap one starting at 10:30. The doctor is busy until `busyUntil` (the
 * buffer included), the patient until `end`. An overlapping appointment cannot start more than
 * the longest busy time before `start`, so the index scan is bounded on both sides instead of
 * walking the whole history while the lock documents are held.
 */
export const overlapping = (field: 'doctorId' | 'patientId', id: Types.ObjectId, start: Date, end: Date): QueryFilter<AppointmentDoc> => ({
  ...(field === 'doctorId' ? { doctorId: id, busyUntil: { $gt: start } } : { patientId: id, end: { $gt: start } }),
  status: { $in: [...KEEPS_TIME] },
  start: { $gt: new Date(start.getTime() - LONGEST_BUSY_MS), $lt: end },
});

/** A booking's time: the patient's [start, end) and the doctor's [start, busyUntil). */
export type OverlapProbe = {
  doctorId: Types.ObjectId;
  patientId: Types.ObjectId;
  start: Date;
  end: Date;
  busyUntil: Date;
  except?: Types.ObjectId;
};
/** held: the doctor's time is kept only by a waitlist hold. */
export type Conflict = 'doctor' | 'held' | 'patient';

/** Who already holds the time, the doctor first; asked one query after the other, as a transaction requires. */
export async function findConflict({ Appointment }: Models, probe: OverlapProbe, session?: ClientSession): Promise<Conflict | null> {
  const others = probe.except ? { _id: { $ne: probe.except } } : {};
  const taken = (field: 'doctorId' | 'patientId') =>
    Appointment.exists({
      ...overlapping(field, probe[field], probe.start, field === 'doctorId' ? probe.busyUntil : probe.end),
      ...others,
    }).session(session ?? null);
  if (await taken('doctorId')) {
    const booked = await Appointment.exists({
      ...overlapping('doctorId', probe.doctorId, probe.start, probe.busyUntil),
      ...others,
      status: { $in: KEEPS_TIME.filter((status) => status !== 'HELD') },
    }).session(session ?? null);
    return booked ? 'doctor' : 'held';
  }
  if (await taken('patientId')) return 'patient';
  return null;
}

const CONFLICTS: Record<Conflict, () => ConflictError> = { doctor: bookingConflict, held: slotHeld, patient: patientConflict };
export const conflictError = (conflict: Conflict): ConflictError => CONFLICTS[conflict]();
