// The behaviour the generator had tests for before the bug report. Every one of these passes on
// the buggy code too: none of them looks at a day on which the clocks change.
import { describe, expect, it } from 'vitest';
import { slotsForDay, slotsForWeek } from '../src/slots.js';

const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];

describe('slotsForDay', () => {
  it('cuts a UTC working day into 16 half-hour slots', () => {
    const slots = slotsForDay('2026-03-02', NINE_TO_FIVE, 30, 'UTC');
    expect(slots).toHaveLength(16);
    expect(slots[0]).toEqual({ start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T09:30:00.000Z' });
    expect(slots.at(-1)).toEqual({ start: '2026-03-02T16:30:00.000Z', end: '2026-03-02T17:00:00.000Z' });
  });

  it('reads working hours in the clinic zone on an ordinary day', () => {
    const slots = slotsForDay('2026-06-15', NINE_TO_FIVE, 30, 'America/New_York');
    expect(slots[0].start).toBe('2026-06-15T13:00:00.000Z'); // 09:00 EDT
  });

  it('drops a partial slot at the end of a window', () => {
    const slots = slotsForDay('2026-03-02', [{ start: '09:00', end: '10:00' }], 45, 'UTC');
    expect(slots).toEqual([{ start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T09:45:00.000Z' }]);
  });

  it('handles a split day and returns the slots in time order', () => {
    const windows = [
      { start: '14:00', end: '15:00' },
      { start: '09:00', end: '10:00' },
    ];
    const starts = slotsForDay('2026-03-02', windows, 30, 'UTC').map((s) => s.start.slice(11, 16));
    expect(starts).toEqual(['09:00', '09:30', '14:00', '14:30']);
  });

  it('rejects malformed input instead of guessing', () => {
    expect(() => slotsForDay('2026-3-2', NINE_TO_FIVE, 30, 'UTC')).toThrow(RangeError);
    expect(() => slotsForDay('2026-03-02', [{ start: '9:00', end: '17:00' }], 30, 'UTC')).toThrow(RangeError);
    expect(() => slotsForDay('2026-03-02', NINE_TO_FIVE, 0, 'UTC')).toThrow(RangeError);
    expect(() => slotsForDay('2026-03-02', NINE_TO_FIVE, 30, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('slotsForWeek', () => {
  it('applies each weekday its own windows and skips closed days', () => {
    const week = slotsForWeek(
      '2026-06-15', // a Monday
      { 1: NINE_TO_FIVE, 6: [{ start: '10:00', end: '12:00' }] },
      30,
      'Europe/London',
    );
    expect(week.map((d) => d.date)).toEqual([
      '2026-06-15', '2026-06-16', '2026-06-17', '2026-06-18', '2026-06-19', '2026-06-20', '2026-06-21',
    ]);
    expect(week.map((d) => d.slots.length)).toEqual([16, 0, 0, 0, 0, 4, 0]);
    expect(week[5].slots[0].start).toBe('2026-06-20T09:00:00.000Z'); // 10:00 BST
  });
});
