import type { Doctor, Patient, Store } from '../store/store.js';

const DEFAULT_LIMIT = 10_000;

/** A bounded map that forgets the entry used least recently once it is full. */
function recentlyUsed<T>(limit: number) {
  const entries = new Map<string, T>();
  return {
    get(id: string): T | undefined {
      const value = entries.get(id);
      if (value !== undefined) {
        entries.delete(id);
        entries.set(id, value);
      }
      return value;
    },
    set(id: string, value: T | null) {
      entries.delete(id);
      if (value === null) return;
      entries.set(id, value);
      if (entries.size > limit) entries.delete(entries.keys().next().value!);
    },
  };
}

/**
 * This process's copies of doctors and patients, so that a booking can check its rules without
 * reading them first. A copy may be out of date (another process changed it): the booking
 * statement checks the versions and the booking reads them again when they moved.
 */
export function participantsCache(store: Store, limit = DEFAULT_LIMIT) {
  const doctors = recentlyUsed<Doctor>(limit);
  const patients = recentlyUsed<Patient>(limit);
  return {
    rememberDoctor: <T extends Doctor | null>(doctor: T): T => {
      if (doctor) doctors.set(doctor.id, doctor);
      return doctor;
    },
    rememberPatient: <T extends Patient | null>(patient: T): T => {
      if (patient) patients.set(patient.id, patient);
      return patient;
    },
    /** The cached copies when both are known, else both read in one round trip. */
    async get(doctorId: string, patientId: string, { fresh = false } = {}) {
      const doctor = fresh ? undefined : doctors.get(doctorId);
      const patient = fresh ? undefined : patients.get(patientId);
      if (doctor && patient) return { doctor, patient };
      const read = await store.appointments.participants(doctorId, patientId);
      doctors.set(doctorId, read.doctor);
      patients.set(patientId, read.patient);
      return read;
    },
  };
}

export type ParticipantsCache = ReturnType<typeof participantsCache>;
