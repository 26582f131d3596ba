import { NotFoundError } from '../errors.js';
import { HOLDS_TIME, type Store } from '../store/store.js';
import type { BookingPolicy } from './booking.js';
import {
  clinicZones,
  dayBounds,
  oncePerWallTime,
  overlaps,
  slotGrid,
  workingWindows,
  zoneOf,
  type ClinicHours,
  type Interval,
  type SiteWindow,
} from './clinic-time.js';
import { offeredVisitType } from './visit-types.js';

export type AvailabilityQuery = { doctorId: string; date: string; duration?: number; patientId?: string; visitTypeId?: string };

// The longest appointment there can be: one that starts this long before the day may reach into it.
const MAX_DURATION_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE = 60_000;

/** The patient's held intervals that may overlap the day, so the desk is not offered their busy times. */
async function patientBusy(store: Store, patientId: string, day: Interval): Promise<Interval[]> {
  if (!(await store.patients.get(patientId))) throw new NotFoundError('Patient not found');
  const from = new Date(day.start.getTime() - MAX_DURATION_MS);
  const { items } = await store.appointments.list({ patientId, statuses: HOLDS_TIME, from, to: day.end, limit: 500, offset: 0 });
  return items.map(({ start, end }) => ({ start, end }));
}

/** A free slot, and where there are several sites, the site of its window and that site's zone. */
export type Slot = Interval & { siteId?: string; timezone?: string };

export type Availability = {
  doctorId: string;
  date: string;
  /** The default site's zone; each slot names its own. */
  timezone: string;
  slotMinutes: number;
  visitTypeId: string | null;
  bufferMinutes: number;
  slots: Slot[];
};

/** The date as instants in every zone the clinic has a site in: one read covers a window at any of them. */
function clinicDaySpan(date: string, clinic: ClinicHours): Interval {
  const days = clinicZones(clinic).map((zone) => dayBounds(date, zone)!);
  return days.reduce((span, day) => ({
    start: day.start < span.start ? day.start : span.start,
    end: day.end > span.end ? day.end : span.end,
  }));
}

/** Candidate starts in one window, stepped in real time, each the doctor's busy time (visit and buffer). */
function windowGrid(window: SiteWindow, date: string, busyMinutes: number, every: number, clinic: ClinicHours): Interval[] {
  const grid = slotGrid([window], busyMinutes, every);
  const zone = zoneOf(window.siteId, clinic);
  const day = dayBounds(date, zone)!;
  // Only a day of 23 or 25 hours can repeat a wall time; the check costs nothing on the others.
  return day.end.getTime() - day.start.getTime() === DAY_MS ? grid : oncePerWallTime(grid, zone);
}

/**
 * Free slots of a day: the grid of the working windows (each in its site's zone), minus past
 * times, the doctor's time off, and held overlaps of the doctor and, when a patient is named, of
 * that patient with any doctor. With a visit type the doctor needs the visit and its buffer free
 * and inside a window, and starts follow the doctor's slot grid.
 */
export async function findAvailability(store: Store, clinic: BookingPolicy, query: AvailabilityQuery, now: Date): Promise<Availability> {
  const span = clinicDaySpan(query.date, clinic);
  const { doctor, booked, off } = await store.appointments.doctorDay(query.doctorId, span.start, span.end);
  if (!doctor) throw new NotFoundError('Doctor not found');
  const visitType = query.visitTypeId ? await offeredVisitType(store, doctor.id, query.visitTypeId) : null;
  const slotMinutes = visitType?.durationMinutes ?? query.duration ?? doctor.slotMinutes;
  const bufferMinutes = visitType?.bufferMinutes ?? 0;
  const every = visitType ? doctor.slotMinutes : slotMinutes;
  const doctorTaken = [...booked, ...off];
  const patientTaken = query.patientId ? await patientBusy(store, query.patientId, span) : [];
  const severalSites = Object.keys(clinic.siteZones ?? {}).length > 0;
  const slots: Slot[] = workingWindows(query.date, doctor.schedule, clinic).flatMap((window) => {
    const site = clinic.siteOf?.(window.siteId);
    const where = severalSites && site ? { siteId: site.id, timezone: zoneOf(window.siteId, clinic) } : {};
    return windowGrid(window, query.date, slotMinutes + bufferMinutes, every, clinic)
      .filter((busy) => busy.start > now && !doctorTaken.some((taken) => overlaps(busy, taken)))
      .map((busy) => ({ start: busy.start, end: new Date(busy.start.getTime() + slotMinutes * MINUTE), ...where }))
      .filter((visit) => !patientTaken.some((taken) => overlaps(visit, taken)));
  });
  slots.sort((a, b) => a.start.getTime() - b.start.getTime());
  return {
    doctorId: doctor.id,
    date: query.date,
    timezone: clinic.timezone,
    slotMinutes,
    visitTypeId: visitType?.id ?? null,
    bufferMinutes,
    slots,
  };
}
