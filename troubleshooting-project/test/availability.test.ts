import { describe, expect, it } from 'vitest';
import { freeSlots, overlaps } from '../src/availability.js';
import { slotsForDay } from '../src/slots.js';

describe('overlaps (half-open intervals)', () => {
  const at = (hhmm: string) => `2026-03-02T${hhmm}:00.000Z`;

  it('treats back-to-back intervals as free', () => {
    expect(overlaps({ start: at('10:00'), end: at('10:30') }, { start: at('10:30'), end: at('11:00') })).toBe(false);
    expect(overlaps({ start: at('10:30'), end: at('11:00') }, { start: at('10:00'), end: at('10:30') })).toBe(false);
  });

  it('sees a one-minute overlap and containment', () => {
    expect(overlaps({ start: at('10:00'), end: at('10:31') }, { start: at('10:30'), end: at('11:00') })).toBe(true);
    expect(overlaps({ start: at('09:00'), end: at('12:00') }, { start: at('10:00'), end: at('10:30') })).toBe(true);
  });
});

describe('freeSlots', () => {
  it('removes exactly the slots a booking touches', () => {
    const slots = slotsForDay('2026-03-02', [{ start: '09:00', end: '11:00' }], 30, 'UTC');
    const free = freeSlots(slots, [{ start: '2026-03-02T09:30:00.000Z', end: '2026-03-02T10:15:00.000Z' }]);
    expect(free.map((s) => s.start.slice(11, 16))).toEqual(['09:00', '10:30']);
  });
});
