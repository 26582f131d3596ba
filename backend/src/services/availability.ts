import { NotFoundError } from '../errors.js';
import type { Store } from '../store/store.js';
import { overlaps, slotGrid, workingWindows, type ClinicHours, type Interval } from './clinic-time.js';

export type AvailabilityQuery = { doctorId: string; date: string; duration?: number };
export type Availability = { doctorId: string; date: string; timezone: string; slotMinutes: number; slots: Interval[] };

/** Free slots of a day: the grid of the working windows, minus past times and BOOKED overlaps. */
export async function findAvailability(store: Store, clinic: ClinicHours, query: AvailabilityQuery, now: Date): Promise<Availability> {
  const doctor = await store.doctors.get(query.doctorId);
  if (!doctor) throw new NotFoundError('Doctor not found');
  const slotMinutes = query.duration ?? doctor.slotMinutes;
  const windows = workingWindows(query.date, doctor.schedule, clinic);
  const future = slotGrid(windows, slotMinutes).filter((slot) => slot.start > now);
  const result = { doctorId: doctor.id, date: query.date, timezone: clinic.timezone, slotMinutes };
  if (future.length === 0) return { ...result, slots: [] };
  const booked = await store.appointments.bookedIntervals(doctor.id, future[0]!.start, future[future.length - 1]!.end);
  const slots = future.filter((slot) => !booked.some((taken) => overlaps(slot, taken)));
  return { ...result, slots };
}
