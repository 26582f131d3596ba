import { describe, expect, it } from 'vitest';
import { datesOf, suitsPatient } from '../../src/services/waitlist-windows.js';

const visit = (start: string, minutes: number) => ({ start: new Date(start), end: new Date(new Date(start).getTime() + minutes * 60_000) });

describe('waitlist windows', () => {
  it('reads the visit in the site zone: a Tuesday morning in New York is a Tuesday afternoon in UTC', () => {
    const tuesdayMorning = [{ weekday: 'tue' as const, start: '09:00', end: '12:00' }];
    // 14:00 UTC on Tue 8 Dec 2026 is 09:00 in New York (EST).
    expect(suitsPatient(tuesdayMorning, visit('2026-12-08T14:00:00Z', 30), 'America/New_York')).toBe(true);
    expect(suitsPatient(tuesdayMorning, visit('2026-12-08T14:00:00Z', 30), 'UTC')).toBe(false);
  });

  it('needs the whole visit inside a window, on its weekday or date, or any day without either', () => {
    const zone = 'Europe/London';
    expect(suitsPatient([{ start: '09:00', end: '10:00' }], visit('2026-12-09T09:30:00Z', 30), zone)).toBe(true);
    expect(suitsPatient([{ start: '09:00', end: '10:00' }], visit('2026-12-09T09:45:00Z', 30), zone)).toBe(false);
    expect(suitsPatient([{ date: '2026-12-09', start: '00:00', end: '24:00' }], visit('2026-12-09T23:30:00Z', 30), zone)).toBe(true);
    expect(suitsPatient([{ date: '2026-12-10', start: '00:00', end: '24:00' }], visit('2026-12-09T09:30:00Z', 30), zone)).toBe(false);
    expect(suitsPatient([{ weekday: 'mon', start: '00:00', end: '24:00' }], visit('2026-12-09T09:30:00Z', 30), zone)).toBe(false);
  });

  it('lists the local dates a freed range touches, across a DST change', () => {
    const range = { start: new Date('2026-03-28T23:30:00Z'), end: new Date('2026-03-30T01:00:00Z') };
    expect(datesOf(range, 'Europe/London', 14)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(datesOf(range, 'Europe/London', 2)).toEqual(['2026-03-28', '2026-03-29']);
  });
});
