import type { Slot } from './slots.js';

export interface Booking {
  start: string;
  end: string;
}

/** Half-open intervals: [10:00, 10:30) and [10:30, 11:00) touch but do not overlap. */
export function overlaps(a: Slot | Booking, b: Slot | Booking): boolean {
  return Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);
}

/** The slots that no booking overlaps. */
export function freeSlots(slots: Slot[], bookings: Booking[]): Slot[] {
  return slots.filter((slot) => !bookings.some((b) => overlaps(slot, b)));
}
