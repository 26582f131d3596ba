import { describe, expect, it } from 'vitest';
import { workingWindows } from './working-hours';

const hours = { timezone: 'Europe/London', clinicStartHour: 9, clinicEndHour: 17 };
const schedule = {
  weekly: {
    mon: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00', siteId: 'ny' },
    ],
  },
};
const iso = (windows: Array<{ start: number; end: number }>) =>
  windows.map((w) => [new Date(w.start).toISOString(), new Date(w.end).toISOString()]);

describe('working windows with sites', () => {
  // Monday 11 January 2027: London is UTC+0, New York UTC-5.
  it('reads each window in its own site’s zone', () => {
    const clinic = { ...hours, siteZones: { ny: 'America/New_York' } };
    expect(iso(workingWindows('2027-01-11', schedule, clinic))).toEqual([
      ['2027-01-11T09:00:00.000Z', '2027-01-11T12:00:00.000Z'],
      ['2027-01-11T18:00:00.000Z', '2027-01-11T22:00:00.000Z'],
    ]);
  });

  it('keeps only the chosen site’s windows, the main site being the empty id', () => {
    const atNewYork = {
      ...hours,
      timezone: 'America/New_York',
      mainZone: 'Europe/London',
      siteZones: { ny: 'America/New_York' },
      onlySite: 'ny',
    };
    expect(iso(workingWindows('2027-01-11', schedule, atNewYork))).toEqual([['2027-01-11T18:00:00.000Z', '2027-01-11T22:00:00.000Z']]);
    const atMain = { ...hours, siteZones: { ny: 'America/New_York' }, onlySite: '' };
    expect(iso(workingWindows('2027-01-11', schedule, atMain))).toEqual([['2027-01-11T09:00:00.000Z', '2027-01-11T12:00:00.000Z']]);
    expect(workingWindows('2027-01-11', null, { ...atNewYork })).toEqual([]);
  });
});
