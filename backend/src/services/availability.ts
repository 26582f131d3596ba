import { NotFoundError } from '../errors.js';
import type { Store } from '../store/store.js';
import { dayBounds, overlaps, slotGrid, workingWindows, type ClinicHours, type Interval } from './clinic-time.js';

export type AvailabilityQuery = { doctorId: string; date: string; duration?: number };
export type Availability = { doctorId: string; date: string; timezone: string; slotMinutes: number; slots: Interval[] };

/** Free slots of a day: the grid of the working windows, minus past times and BOOKED overlaps. */
export async function findAvailability(store: Store, clinic: ClinicHours, query: AvailabilityQuery, now: Date): Promise<Availability> {
  // The whole clinic day bounds every working window, so one read serves any schedule.
  const day = dayBounds(query.date, clinic.timezone)!;
  const { doctor, booked } = await store.appointments.doctorDay(query.doctorId, day.start, day.end);
  if (!doctor) throw new NotFoundError('Doctor not found');
  const slotMinutes = query.duration ?? doctor.slotMinutes;
  const windows = workingWindows(query.date, doctor.schedule, clinic);
  const future = slotGrid(windows, slotMinutes).filter((slot) => slot.start > now);
  const result = { doctorId: doctor.id, date: query.date, timezone: clinic.timezone, slotMinutes };
  const slots = future.filter((slot) => !booked.some((taken) => overlaps(slot, taken)));
  return { ...result, slots };
}
