import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/seed/demo-data.js';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';

const clinic = { timezone: 'Europe/London', startHour: 9, endHour: 17 };

describe('demo seed', () => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await openPgliteStore();
  });
  afterAll(() => opened?.cleanup());

  it('loads 5 doctors, 10 patients and 50+ appointments, about a fifth cancelled, over the next 14 days', async () => {
    const now = new Date();
    const summary = await seedDemoData(opened.store, clinic, now);
    expect(summary).toMatchObject({ doctors: 5, patients: 10, skipped: false });
    expect(summary.booked + summary.cancelled).toBeGreaterThanOrEqual(50);
    const share = summary.cancelled / (summary.booked + summary.cancelled);
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.3);
    const { items, total } = await opened.store.appointments.list({ limit: 500, offset: 0 });
    expect(total).toBe(summary.booked + summary.cancelled);
    expect(items.every((a) => a.start > now && a.start.getTime() < now.getTime() + 15 * 86_400_000)).toBe(true);
    const specialties = (await opened.store.doctors.list({ limit: 10, offset: 0 })).items.map((d) => d.specialty).sort();
    expect(specialties).toEqual(['Cardiology', 'Dermatology', 'General Practice', 'Orthopedics', 'Pediatrics']);
    const perPatient = new Set(items.map((a) => a.patientId));
    expect(perPatient.size).toBe(10);
    const doctors = (await opened.store.doctors.list({ limit: 10, offset: 0 })).items;
    for (const doctor of doctors) {
      const types = await opened.store.visitTypes.list(doctor.id);
      expect(types.map((t) => [t.name, t.durationMinutes, t.bufferMinutes])).toEqual([
        ['Follow-up', doctor.slotMinutes, 0],
        ['New patient', 45, 10],
      ]);
    }
  });

  it('keeps every doctor and patient free of overlapping booked appointments', async () => {
    const { items } = await opened.store.appointments.list({ statuses: ['BOOKED'], limit: 500, offset: 0 });
    const clash = items.filter((a, i) =>
      items.some((b, j) => j > i && (a.doctorId === b.doctorId || a.patientId === b.patientId) && a.start < b.end && b.start < a.end),
    );
    expect(clash).toEqual([]);
  });

  it('does nothing on a second run', async () => {
    expect((await seedDemoData(opened.store, clinic)).skipped).toBe(true);
    expect((await opened.store.doctors.list({ limit: 10, offset: 0 })).total).toBe(5);
  });
});
