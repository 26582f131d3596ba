import { NotFoundError } from '../errors.js';
import { HOLDS_TIME, type Store } from '../store/store.js';
import { dayBounds, overlaps, slotGrid, workingWindows, type ClinicHours, type Interval, oncePerWallTime } from './clinic-time.js';
import { offeredVisitType } from './visit-types.js';

export type AvailabilityQuery = { doctorId: string; date: string; duration?: number; patientId?: string; visitTypeId?: string };

// The longest appointment there can be: one that starts this long before the day may reach into it.
const MAX_DURATION_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The patient's held intervals that may overlap the day, so the desk is not offered their busy times. */
async function patientBusy(store: Store, patientId: string, day: Interval): Promise<Interval[]> {
  if (!(await store.patients.get(patientId))) throw new NotFoundError('Patient not found');
  const from = new Date(day.start.getTime() - MAX_DURATION_MS);
  const { items } = await store.appointments.list({ patientId, statuses: HOLDS_TIME, from, to: day.end, limit: 500, offset: 0 });
  return items.map(({ start, end }) => ({ start, end }));
}
export type Availability = {
  doctorId: string;
  date: string;
  timezone: string;
  slotMinutes: number;
  visitTypeId: string | null;
  bufferMinutes: number;
  slots: Interval[];
};

/**
 * Free slots of a day: the grid of the working windows, minus past times, the doctor's time off, and held overlaps of
 * the doctor and, when a patient is named, of that patient with any doctor. With a visit type the
 * doctor needs the visit and its buffer free and inside a window, and starts follow the doctor's slot grid.
 */
export async function findAvailability(store: Store, clinic: ClinicHours, query: AvailabilityQuery, now: Date): Promise<Availability> {
  // The whole clinic day bounds every working window, so one read serves any schedule.
  const day = dayBounds(query.date, clinic.timezone)!;
  const { doctor, booked, off } = await store.appointments.doctorDay(query.doctorId, day.start, day.end);
  if (!doctor) throw new NotFoundError('Doctor not found');
  const visitType = query.visitTypeId ? await offeredVisitType(store, doctor.id, query.visitTypeId) : null;
  const slotMinutes = visitType?.durationMinutes ?? query.duration ?? doctor.slotMinutes;
  const bufferMinutes = visitType?.bufferMinutes ?? 0;
  const windows = workingWindows(query.date, doctor.schedule, clinic);
  // Each candidate as the doctor's busy time: the visit and its buffer.
  const grid = visitType ? slotGrid(windows, slotMinutes + bufferMinutes, doctor.slotMinutes) : slotGrid(windows, slotMinutes);
  // Only a day of 23 or 25 hours can repeat a wall time; the check costs nothing on the others.
  const changesClocks = day.end.getTime() - day.start.getTime() !== DAY_MS;
  const future = (changesClocks ? oncePerWallTime(grid, clinic.timezone) : grid).filter((slot) => slot.start > now);
  const result = {
    doctorId: doctor.id,
    date: query.date,
    timezone: clinic.timezone,
    slotMinutes,
    visitTypeId: visitType?.id ?? null,
    bufferMinutes,
  };
  const doctorTaken = [...booked, ...off];
  const patientTaken = query.patientId ? await patientBusy(store, query.patientId, day) : [];
  const slots = future
    .filter((busy) => !doctorTaken.some((taken) => overlaps(busy, taken)))
    .map((busy) => ({ start: busy.start, end: new Date(busy.start.getTime() + slotMinutes * 60_000) }))
    .filter((visit) => !patientTaken.some((taken) => overlaps(visit, taken)));
  return { ...result, slots };
}
