import { DateTime } from 'luxon';
import { slotGrid, workingWindows, type ClinicHours, type Interval } from '../services/clinic-time.js';
import type { Doctor, Patient, Store } from '../store/store.js';
import { seedDemoAccess, type DemoAccount } from './demo-access.js';

const DOCTORS = [
  { name: 'Dr. Maria Alvarez', specialty: 'Cardiology', email: 'm.alvarez@clinic.example', phone: '+44 20 7946 0101', slotMinutes: 30 },
  { name: 'Dr. Kenji Watanabe', specialty: 'Pediatrics', email: 'k.watanabe@clinic.example', phone: '+44 20 7946 0102', slotMinutes: 20 },
  { name: 'Dr. Amara Okafor', specialty: 'General Practice', email: 'a.okafor@clinic.example', phone: '+44 20 7946 0103', slotMinutes: 15 },
  { name: 'Dr. Lukas Novak', specialty: 'Dermatology', email: 'l.novak@clinic.example', phone: '+44 20 7946 0104', slotMinutes: 30 },
  { name: 'Dr. Priya Raman', specialty: 'Orthopedics', email: 'p.raman@clinic.example', phone: '+44 20 7946 0105', slotMinutes: 45 },
];

const PATIENTS = [
  ['Ana Silva', 'ana.silva@example.org', '+44 7700 900101', '1985-04-12'],
  ['Ben Carter', 'ben.carter@example.org', '+44 7700 900102', '1978-11-03'],
  ['Chloe Dubois', 'chloe.dubois@example.org', '+44 7700 900103', '1992-07-21'],
  ['David Mensah', 'david.mensah@example.org', '+44 7700 900104', '2001-02-14'],
  ['Elena Petrova', 'elena.petrova@example.org', '+44 7700 900105', '1969-09-30'],
  ['Farid Haddad', 'farid.haddad@example.org', '+44 7700 900106', '1995-12-08'],
  ['Grace Liu', 'grace.liu@example.org', '+44 7700 900107', '1988-05-17'],
  ['Hugo Fernandes', 'hugo.fernandes@example.org', '+44 7700 900108', '2015-03-25'],
  ['Isla McDonald', 'isla.mcdonald@example.org', '+44 7700 900109', '1957-08-09'],
  ['Jonas Berg', 'jonas.berg@example.org', '+44 7700 900110', '1999-01-19'],
] as const;

const REASONS = ['Follow-up visit', 'Annual check-up', 'Test results review', 'New symptoms', 'Prescription renewal', 'Vaccination'];

/** mulberry32: a tiny seeded generator, so two runs on the same day lay out the same clinic. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SeedSummary = {
  doctors: number;
  patients: number;
  booked: number;
  cancelled: number;
  skipped: boolean;
  /** The demo sign-ins and the demo API token's secret, which exists only here. */
  access?: { accounts: DemoAccount[]; token: string };
};

export async function isEmpty(store: Store): Promise<boolean> {
  const [doctors, patients] = await Promise.all([
    store.doctors.list({ limit: 1, offset: 0 }),
    store.patients.list({ limit: 1, offset: 0 }),
  ]);
  return doctors.total === 0 && patients.total === 0;
}

/**
 * Five doctors, ten patients and about 60 appointments over the next 14 clinic days, ~80% booked
 * and ~20% cancelled, with no overlaps for any doctor or patient. Skips a store that has data.
 */
export async function seedDemoData(
  store: Store,
  clinic: ClinicHours,
  now = new Date(),
  options: { withAccess: boolean } = { withAccess: true },
): Promise<SeedSummary> {
  if (!(await isEmpty(store))) return { doctors: 0, patients: 0, booked: 0, cancelled: 0, skipped: true };
  const random = seededRandom(20260302);
  const doctors: Doctor[] = [];
  for (const doctor of DOCTORS) doctors.push(await store.doctors.create({ ...doctor, schedule: null }));
  // Two visit types each, so the booking form has something to offer: a long first visit with
  // time to write it up, and a follow-up of the doctor's usual length.
  for (const doctor of doctors) {
    await store.visitTypes.create({ doctorId: doctor.id, name: 'New patient', durationMinutes: 45, bufferMinutes: 10, active: true });
    await store.visitTypes.create({
      doctorId: doctor.id,
      name: 'Follow-up',
      durationMinutes: doctor.slotMinutes,
      bufferMinutes: 0,
      active: true,
    });
  }
  const patients: Patient[] = [];
  for (const [name, email, phone, dateOfBirth] of PATIENTS) patients.push(await store.patients.create({ name, email, phone, dateOfBirth }));

  const patientBusy = new Map<string, Interval[]>();
  const today = DateTime.fromJSDate(now, { zone: clinic.timezone }).startOf('day');
  let booked = 0;
  let cancelled = 0;
  for (let dayOffset = 1; dayOffset <= 14; dayOffset += 1) {
    const date = today.plus({ days: dayOffset }).toISODate()!;
    for (const doctor of doctors) {
      const slots = slotGrid(workingWindows(date, doctor.schedule, clinic), doctor.slotMinutes);
      const picks = slots.filter(() => random() < 0.06).slice(0, 2);
      for (const slot of picks) {
        // Start the search at a random patient so the visits spread over all ten.
        const first = Math.floor(random() * patients.length);
        const patient = patients
          .map((_, i) => patients[(first + i) % patients.length]!)
          .find((candidate) => !(patientBusy.get(candidate.id) ?? []).some((taken) => taken.start < slot.end && slot.start < taken.end));
        if (!patient) continue;
        patientBusy.set(patient.id, [...(patientBusy.get(patient.id) ?? []), slot]);
        const appointment = await store.appointments.book({
          doctor: { id: doctor.id, name: doctor.name, specialty: doctor.specialty },
          patient: { id: patient.id, name: patient.name },
          versions: { doctor: doctor.updatedAt, patient: patient.updatedAt },
          start: slot.start,
          end: slot.end,
          reason: REASONS[Math.floor(random() * REASONS.length)]!,
        });
        if (random() < 0.2) {
          await store.appointments.cancel(appointment.id, 'Patient asked to reschedule');
          cancelled += 1;
        } else {
          booked += 1;
        }
      }
    }
  }
  // Accounts with published passwords have no place on a production server.
  const access = options.withAccess ? await seedDemoAccess(store, doctors[0]!) : undefined;
  return { doctors: doctors.length, patients: patients.length, booked, cancelled, skipped: false, access };
}
