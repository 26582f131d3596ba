import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Doctor, NewAppointment, Patient, Store } from '../../src/store/store.js';

export const silentConfig = {
  clinic: { timezone: 'UTC', startHour: 9, endHour: 17, defaultSlotMinutes: 30 },
  bookingHorizonDays: 730,
  corsOrigins: ['http://localhost:5173'],
  rateLimitPerMinute: 0,
  trustProxy: false,
  auth: { mode: 'required', sessionIdleMinutes: 30, sessionMaxHours: 12, requireAdminTotp: false },
  metricsToken: undefined,
  patientReadsPerMinute: 0,
} as const;

/** A clinic-local date `days` from today, far enough ahead that nothing in it is past. */
export function futureDate(days = 7, timezone = 'UTC'): string {
  return DateTime.now().setZone(timezone).plus({ days }).toISODate()!;
}

/** An instant at a wall-clock time on that date in the zone, as an ISO string in UTC. */
export function at(date: string, time: string, timezone = 'UTC'): string {
  return DateTime.fromISO(`${date}T${time}`, { zone: timezone }).toUTC().toISO()!;
}

export const unique = () => randomUUID().slice(0, 8);

export function doctorInput(overrides: Partial<{ name: string; specialty: string; slotMinutes: number }> = {}) {
  return { name: `Dr. Test ${unique()}`, specialty: 'Cardiology', email: null, phone: null, slotMinutes: 30, schedule: null, ...overrides };
}

export function patientInput(overrides: Partial<{ name: string; email: string | null }> = {}) {
  const id = unique();
  return { name: `Patient ${id}`, email: `patient.${id}@example.org`, phone: null, dateOfBirth: null, ...overrides };
}

export async function makeDoctorAndPatient(store: Store) {
  const doctor = await store.doctors.create(doctorInput());
  const patient = await store.patients.create(patientInput());
  return { doctor, patient };
}

export const summary = (entity: { id: string; name: string; specialty?: string }) =>
  entity.specialty === undefined ? { id: entity.id, name: entity.name } : { id: entity.id, name: entity.name, specialty: entity.specialty };

/** What store.appointments.book takes, for a doctor and patient as the store answered them. */
export const booking = (doctor: Doctor, patient: Patient, start: string, end: string, reason: string | null = null): NewAppointment => ({
  doctor: summary(doctor) as NewAppointment['doctor'],
  patient: summary({ id: patient.id, name: patient.name }),
  versions: { doctor: doctor.updatedAt, patient: patient.updatedAt },
  start: new Date(start),
  end: new Date(end),
  reason,
});
