/** What the bench loads and books: sizes per mode, and the arithmetic that keeps bookings apart. */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export type Store = 'postgres' | 'pglite';

export type Plan = {
  quick: boolean;
  store: Store;
  doctors: number;
  /** Days of preloaded appointments that availability reads; 8 one-hour-apart slots per doctor-day. */
  preloadDays: number;
  connections: number;
  durationSeconds: number;
  contentionSlots: number;
  contentionRequests: number;
  workers: number;
  /** UTC midnight of the first bench day, far enough ahead that nothing is in the past. */
  day0: number;
};

export const PRELOAD_SLOTS_PER_DAY = 8;
export const BOOKING_MINUTES = 10;
const BOOKING_DAYS = 30;
// Ten-minute bookings inside the default 09:00-17:00 UTC day.
const BOOKINGS_PER_DAY = (8 * 60) / BOOKING_MINUTES;
export const CONTENTION_MINUTES = 20;

export function makePlan(options: { quick: boolean; store: Store; workers: number; connections?: number; durationSeconds?: number }): Plan {
  const today = Math.floor(Date.now() / DAY) * DAY;
  return {
    quick: options.quick,
    store: options.store,
    doctors: options.quick ? 20 : 100,
    // 100 doctors x 125 days x 8 slots = 100,000 appointments.
    preloadDays: options.quick ? 30 : 125,
    connections: options.connections ?? (options.quick ? 10 : 20),
    durationSeconds: options.durationSeconds ?? (options.quick ? 3 : 10),
    contentionSlots: options.quick ? 5 : 20,
    contentionRequests: 100,
    workers: options.workers,
    day0: today + 2 * DAY,
  };
}

export const preloadCount = (plan: Plan) => plan.doctors * plan.preloadDays * PRELOAD_SLOTS_PER_DAY;

/** Separate day ranges, so the baseline, the book run and the mixed run never collide. */
export type Range = 'book' | 'raw' | 'mixed';
const RANGE_OFFSET: Record<Range, number> = { book: 0, raw: BOOKING_DAYS, mixed: 2 * BOOKING_DAYS };

export const capacity = (plan: Plan) => plan.doctors * BOOKING_DAYS * BOOKINGS_PER_DAY;

/**
 * The k-th booking of a range: doctor k mod N with that doctor's own patient, then the next
 * free day and ten-minute slot, so no two bookings of a run can overlap.
 */
export function bookingSlot(plan: Plan, range: Range, k: number) {
  if (k >= capacity(plan)) throw new Error(`booking ${k} exceeds the ${range} range's capacity of ${capacity(plan)}`);
  const doctor = k % plan.doctors;
  const step = Math.floor(k / plan.doctors);
  const day = plan.preloadDays + RANGE_OFFSET[range] + (step % BOOKING_DAYS);
  const slot = Math.floor(step / BOOKING_DAYS);
  const start = plan.day0 + day * DAY + 9 * 60 * MINUTE + slot * BOOKING_MINUTES * MINUTE;
  return { doctor, start: new Date(start), end: new Date(start + BOOKING_MINUTES * MINUTE) };
}

/** The day after every booking range holds the contention slots, twenty minutes apart from 09:00. */
export function contentionSlot(plan: Plan, index: number) {
  const start = plan.day0 + (plan.preloadDays + 3 * BOOKING_DAYS) * DAY + 9 * 60 * MINUTE + index * CONTENTION_MINUTES * MINUTE;
  return { start: new Date(start), end: new Date(start + CONTENTION_MINUTES * MINUTE) };
}

export const isoDate = (plan: Plan, day: number) => new Date(plan.day0 + day * DAY).toISOString().slice(0, 10);
