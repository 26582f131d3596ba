import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { isCalendarDate } from '@clinic/contract/fields';
import {
  clinicDateOf,
  dayBounds,
  isWithinWorkingHours,
  overlaps,
  parseInstant,
  slotGrid,
  workingWindows,
} from '../../src/services/clinic-time.js';

const HOUR = 3_600_000;
const clinic = (timezone: string, startHour = 9, endHour = 17) => ({ timezone, startHour, endHour });
const iso = (date: Date) => date.toISOString();
const hours = (window: { start: Date; end: Date }) => (window.end.getTime() - window.start.getTime()) / HOUR;

describe('working windows across DST', () => {
  it.each([
    ['America/New_York', '2026-03-08', '2026-03-08T13:00:00.000Z', '2026-03-08T21:00:00.000Z'],
    ['America/New_York', '2026-11-01', '2026-11-01T14:00:00.000Z', '2026-11-01T22:00:00.000Z'],
    ['Europe/London', '2026-03-29', '2026-03-29T08:00:00.000Z', '2026-03-29T16:00:00.000Z'],
    ['Europe/London', '2026-10-25', '2026-10-25T09:00:00.000Z', '2026-10-25T17:00:00.000Z'],
  ])('in %s on %s a 09:00-17:00 day is 8 hours from %s', (timezone, date, start, end) => {
    const [window] = workingWindows(date, null, clinic(timezone));
    expect(window && { start: iso(window.start), end: iso(window.end) }).toEqual({ start, end });
    expect(hours(window!)).toBe(8);
  });

  it('gives a 23-hour spring-forward day and a 25-hour fall-back day', () => {
    expect(hours(dayBounds('2026-03-08', 'America/New_York')!)).toBe(23);
    expect(hours(dayBounds('2026-11-01', 'America/New_York')!)).toBe(25);
    expect(hours(dayBounds('2026-10-25', 'Europe/London')!)).toBe(25);
  });

  it('never puts a slot in the hour New York skips on 2026-03-08', () => {
    const windows = workingWindows('2026-03-08', null, clinic('America/New_York', 0, 6));
    const slots = slotGrid(windows, 30);
    const localHours = slots.map((slot) =>
      Number(slot.start.toLocaleString('en-GB', { timeZone: 'America/New_York', hour: '2-digit', hourCycle: 'h23' })),
    );
    expect(localHours).not.toContain(2);
    expect(slots).toHaveLength(10);
  });

  it('gives the repeated hour of the London fall-back night its real length', () => {
    const slots = slotGrid(workingWindows('2026-10-25', null, clinic('Europe/London', 0, 4)), 60);
    expect(slots.map((slot) => iso(slot.start))).toEqual([
      '2026-10-24T23:00:00.000Z',
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T02:00:00.000Z',
      '2026-10-25T03:00:00.000Z',
    ]);
  });

  it('reads a doctor’s own weekly windows and days off', () => {
    const schedule = {
      weekly: {
        mon: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '17:30' },
        ],
      },
      daysOff: ['2026-03-09'],
    };
    expect(workingWindows('2026-03-02', schedule, clinic('UTC')).map(hours)).toEqual([3, 4.5]);
    expect(workingWindows('2026-03-03', schedule, clinic('UTC'))).toEqual([]);
    expect(workingWindows('2026-03-09', schedule, clinic('UTC'))).toEqual([]);
  });

  it('reads 24:00 as the following midnight', () => {
    const [window] = workingWindows('2026-03-02', { weekly: { mon: [{ start: '20:00', end: '24:00' }] } }, clinic('UTC'));
    expect(iso(window!.end)).toBe('2026-03-03T00:00:00.000Z');
  });
});

describe('slot grid and overlap', () => {
  it('steps whole slots and drops a partial one at the end', () => {
    const window = { start: new Date('2026-03-02T09:00:00Z'), end: new Date('2026-03-02T10:40:00Z') };
    expect(slotGrid([window], 30).map((slot) => iso(slot.end))).toEqual([
      '2026-03-02T09:30:00.000Z',
      '2026-03-02T10:00:00.000Z',
      '2026-03-02T10:30:00.000Z',
    ]);
  });

  it('treats intervals as half-open', () => {
    const a = { start: new Date('2026-03-02T10:00:00Z'), end: new Date('2026-03-02T10:30:00Z') };
    expect(overlaps(a, { start: new Date('2026-03-02T10:30:00Z'), end: new Date('2026-03-02T11:00:00Z') })).toBe(false);
    expect(overlaps(a, { start: new Date('2026-03-02T10:29:00Z'), end: new Date('2026-03-02T11:00:00Z') })).toBe(true);
    expect(overlaps(a, { start: new Date('2026-03-02T09:00:00Z'), end: new Date('2026-03-02T12:00:00Z') })).toBe(true);
  });
});

describe('working hours check', () => {
  const ny = clinic('America/New_York');
  it('checks hours in the clinic zone, not the server’s', () => {
    expect(isWithinWorkingHours({ start: new Date('2026-07-01T13:00:00Z'), end: new Date('2026-07-01T13:30:00Z') }, null, ny)).toBe(true);
    expect(isWithinWorkingHours({ start: new Date('2026-07-01T09:00:00Z'), end: new Date('2026-07-01T09:30:00Z') }, null, ny)).toBe(false);
  });

  it('accepts an interval ending exactly at closing and refuses one running past it', () => {
    expect(isWithinWorkingHours({ start: new Date('2026-07-01T20:30:00Z'), end: new Date('2026-07-01T21:00:00Z') }, null, ny)).toBe(true);
    expect(isWithinWorkingHours({ start: new Date('2026-07-01T20:45:00Z'), end: new Date('2026-07-01T21:15:00Z') }, null, ny)).toBe(false);
  });

  it('refuses an interval that spans a lunch break between two windows', () => {
    const schedule = {
      weekly: {
        wed: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '17:00' },
        ],
      },
    };
    expect(
      isWithinWorkingHours({ start: new Date('2026-07-01T11:30:00Z'), end: new Date('2026-07-01T13:30:00Z') }, schedule, clinic('UTC')),
    ).toBe(false);
  });
});

describe('reading instants', () => {
  it('normalises an offset to UTC', () => {
    expect(iso(parseInstant('2026-03-02T10:00:00+02:00', 'UTC')!)).toBe('2026-03-02T08:00:00.000Z');
    expect(iso(parseInstant('2026-03-02T10:00:00Z', 'Asia/Tokyo')!)).toBe('2026-03-02T10:00:00.000Z');
  });

  it('reads a time without an offset as clinic wall time', () => {
    expect(iso(parseInstant('2026-07-01T10:00', 'Europe/London')!)).toBe('2026-07-01T09:00:00.000Z');
  });

  it('rejects an impossible date', () => {
    expect(parseInstant('2026-02-30T10:00:00Z', 'UTC')).toBeNull();
  });

  it('finds the clinic-local date of an instant', () => {
    expect(clinicDateOf(new Date('2026-03-02T03:00:00Z'), 'America/New_York')).toBe('2026-03-01');
  });
});

describe('the fast paths agree with Luxon', () => {
  // A fixed seed keeps a failure reproducible.
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const two = (n: number) => String(n).padStart(2, '0');

  it('reads 5,000 instants with offsets exactly as Luxon does, in range or not', () => {
    for (let i = 0; i < 5000; i += 1) {
      const date = `${pick([1999, 2000, 2024, 2026, 2100])}-${two(pick([1, 2, 4, 12, 13]))}-${two(pick([0, 1, 28, 29, 30, 31, 32]))}`;
      const time = `${two(pick([0, 9, 23, 24]))}:${two(pick([0, 30, 59, 60]))}${pick(['', ':00', ':59', ':60', '.5', ':07.25', ':07.123'])}`;
      const offset = pick(['Z', '+01:00', '-05:00', '+0530', '+14:00', '-12:00', '+15:00', '+01:60']);
      const text = `${date}T${time}${offset}`;
      const luxon = DateTime.fromISO(text, { setZone: true });
      expect(parseInstant(text, 'UTC')?.getTime() ?? null, text).toBe(luxon.isValid ? luxon.toMillis() : null);
    }
  });

  it('knows which calendar dates exist as Luxon does, leap years included', () => {
    for (const year of [0, 4, 100, 400, 1900, 2000, 2024, 2026, 2100]) {
      for (let month = 0; month <= 13; month += 1) {
        for (let day = 0; day <= 32; day += 1) {
          const text = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
          expect(isCalendarDate(year, month, day), text).toBe(DateTime.fromISO(text).isValid);
        }
      }
    }
  });

  it('finds the clinic-local date of 5,000 instants as Luxon does, in zones with odd offsets and DST at midnight', () => {
    const zones = [
      'America/New_York',
      'Europe/London',
      'America/Santiago',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
    ];
    const from = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 5000; i += 1) {
      const instant = new Date(from + Math.floor(random() * 400 * 24) * HOUR + pick([0, 1, 29 * 60_000, 59 * 60_000]));
      const zone = pick(zones);
      expect(clinicDateOf(instant, zone), `${instant.toISOString()} ${zone}`).toBe(DateTime.fromJSDate(instant, { zone }).toISODate());
    }
  });
});
