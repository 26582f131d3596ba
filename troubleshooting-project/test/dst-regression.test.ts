// Regression test for BUG_REPORT.md: on the days the clocks change, the slots were shifted by
// the size of the change because working hours were added to midnight as milliseconds.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { slotsForDay, slotsForWeek } from '../src/slots.js';

const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];

/** The slots' start times as the clinic's wall clock shows them. */
function localStarts(date: string, zone: string): string[] {
  return slotsForDay(date, NINE_TO_FIVE, 30, zone).map((s) =>
    DateTime.fromISO(s.start, { zone }).toFormat('HH:mm'),
  );
}

const EXPECTED = Array.from({ length: 16 }, (_, i) => {
  const minutes = 9 * 60 + i * 30;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${minutes % 60 === 0 ? '00' : '30'}`;
});

describe('working hours on DST transition days', () => {
  it.each([
    ['America/New_York', '2026-03-08', 'spring forward, 23-hour day'],
    ['America/New_York', '2026-11-01', 'fall back, 25-hour day'],
    ['Europe/London', '2026-03-29', 'spring forward, 23-hour day'],
    ['Europe/London', '2026-10-25', 'fall back, 25-hour day'],
  ])('%s %s (%s): slots run 09:00-17:00 clinic time', (zone, date) => {
    expect(localStarts(date, zone)).toEqual(EXPECTED);
  });

  it('the exact case from the report: New York, Sunday 1 November 2026', () => {
    const slots = slotsForDay('2026-11-01', NINE_TO_FIVE, 30, 'America/New_York');
    expect(slots[0].start).toBe('2026-11-01T14:00:00.000Z'); // 09:00 EST, not 08:00
    expect(slots.at(-1)!.end).toBe('2026-11-01T22:00:00.000Z'); // 17:00 EST, not 16:00
  });

  it('every day of 2026, in zones with and without DST, opens at 09:00 and closes at 17:00', () => {
    const everyDay = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, NINE_TO_FIVE]));
    const zones = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
    const wrong: string[] = [];
    for (const zone of zones) {
      for (let w = DateTime.fromISO('2026-01-01', { zone }); w.year === 2026; w = w.plus({ weeks: 1 })) {
        for (const { date, slots } of slotsForWeek(w.toISODate()!, everyDay, 30, zone)) {
          const open = DateTime.fromISO(slots[0].start, { zone }).toFormat('HH:mm');
          const close = DateTime.fromISO(slots.at(-1)!.end, { zone }).toFormat('HH:mm');
          if (slots.length !== 16 || open !== '09:00' || close !== '17:00') {
            wrong.push(`${zone} ${date}: ${slots.length} slots ${open}-${close}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    // About 1,800 days through luxon's zone rules: ~2 s on an idle machine, more on a busy CI.
  }, 60_000);
});
