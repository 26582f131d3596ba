import { describe, expect, it } from 'vitest';
import { addDays, dateInZone, formatDate, formatDay, formatInstantDay, formatTime, formatTimeRange, todayInZone } from './time';

describe('clinic time formatting', () => {
  it('shows 24-hour HH:mm in the clinic zone, following its DST changes', () => {
    expect(formatTime('2030-01-07T09:00:00.000Z', 'Europe/London')).toBe('09:00');
    expect(formatTime('2030-06-03T09:00:00.000Z', 'Europe/London')).toBe('10:00');
    expect(formatTime('2030-06-03T21:30:00.000Z', 'Europe/London')).toBe('22:30');
    expect(formatTime('2030-06-03T23:05:00.000Z', 'Europe/London')).toBe('00:05');
    expect(formatTimeRange('2030-06-03T09:00:00Z', '2030-06-03T09:30:00Z', 'America/New_York')).toBe('05:00–05:30');
  });

  it('takes "today" from the clinic zone, not the browser', () => {
    const lateEvening = new Date('2030-06-03T23:30:00.000Z');
    expect(todayInZone('Europe/London', lateEvening)).toBe('2030-06-04');
    expect(todayInZone('UTC', lateEvening)).toBe('2030-06-03');
    expect(dateInZone('2030-06-04T03:00:00Z', 'America/Los_Angeles')).toBe('2030-06-03');
  });

  it('adds calendar days across month ends and DST changes', () => {
    expect(addDays('2030-03-30', 1)).toBe('2030-03-31');
    expect(addDays('2030-03-31', 1)).toBe('2030-04-01');
    expect(addDays('2030-01-01', -1)).toBe('2029-12-31');
  });

  it('writes every date one way, in the browser’s locale, the weekday added for booked days', () => {
    // jsdom's locale is en-US; an en-GB browser reads "15 Jun 1990" and "Thu 3 Dec 2026".
    expect(navigator.language).toBe('en-US');
    expect(formatDate('1990-06-15')).toBe('Jun 15, 1990');
    expect(formatDay('2026-12-03')).toBe('Thu, Dec 3, 2026');
    // 23:30 UTC on 3 December is already 4 December in Auckland.
    expect(formatInstantDay('2026-12-03T23:30:00.000Z', 'Pacific/Auckland')).toBe('Fri, Dec 4, 2026');
  });
});
