import { NotFoundError } from '../errors.js';
import type { AuditService } from './audit.js';
import type { ParticipantsCache } from './participants-cache.js';
import { confinedToDoctor } from './scope.js';
import type { SiteDirectory } from './sites.js';
import type { DoctorChanges, DoctorFilter, NewDoctor, NewPatient, PatientChanges, PatientFilter, Store } from '../store/store.js';

export type DoctorInput = Omit<NewDoctor, 'slotMinutes' | 'email' | 'phone' | 'schedule'> &
  Partial<Pick<NewDoctor, 'slotMinutes' | 'email' | 'phone' | 'schedule'>>;
export type PatientInput = Pick<NewPatient, 'name'> & Partial<Pick<NewPatient, 'email' | 'phone' | 'dateOfBirth'>>;

const found = <T>(value: T | null, what: string): T => {
  if (value === null) throw new NotFoundError(`${what} not found`);
  return value;
};

/**
 * Doctors and patients: a new doctor works the clinic's default slot length unless told otherwise.
 * What it reads or writes refreshes the booking cache: a patient registered at the desk is usually
 * booked next.
 */
export function directoryService(
  store: Store,
  cache: ParticipantsCache,
  defaultSlotMinutes: number,
  audit: AuditService,
  sites: Pick<SiteDirectory, 'checkSchedule'>,
) {
  return {
    createDoctor: async (input: DoctorInput) => {
      await sites.checkSchedule(input.schedule, 'schedule.');
      return cache.rememberDoctor(
        await store.doctors.create({
          name: input.name,
          specialty: input.specialty,
          email: input.email ?? null,
          phone: input.phone ?? null,
          slotMinutes: input.slotMinutes ?? defaultSlotMinutes,
          schedule: input.schedule ?? null,
        }),
      );
    },
    getDoctor: async (id: string) => {
      const own = confinedToDoctor();
      return found(own && id !== own ? null : cache.rememberDoctor(await store.doctors.get(id)), 'Doctor');
    },
    updateDoctor: async (id: string, changes: DoctorChanges) => {
      await sites.checkSchedule(changes.schedule, 'schedule.');
      return found(cache.rememberDoctor(await store.doctors.update(id, changes)), 'Doctor');
    },
    // A doctor's list holds only their own record, whatever the filters (one row needs no paging).
    listDoctors: async (filter: DoctorFilter) => {
      const own = confinedToDoctor();
      if (!own) return store.doctors.list(filter);
      const doctor = filter.offset === 0 ? await store.doctors.get(own) : null;
      return { items: doctor ? [doctor] : [], total: 1 };
    },

    createPatient: (input: PatientInput) =>
      audit.write({ action: 'patient.create', resourceType: 'patient' }, async (record) =>
        cache.rememberPatient(
          await store.patients.create(
            { name: input.name, email: input.email ?? null, phone: input.phone ?? null, dateOfBirth: input.dateOfBirth ?? null },
            record,
          ),
        ),
      ),
    getPatient: (id: string) =>
      audit.read({ action: 'patient.read', resourceType: 'patient', resourceId: id }, async () =>
        found(cache.rememberPatient(await store.patients.get(id)), 'Patient'),
      ),
    updatePatient: (id: string, changes: PatientChanges) =>
      audit.write({ action: 'patient.update', resourceType: 'patient', resourceId: id }, async (record) =>
        found(cache.rememberPatient(await store.patients.update(id, changes, record)), 'Patient'),
      ),
    // The search text is not recorded: it may be a name or an email address.
    listPatients: (filter: PatientFilter) =>
      audit.read({ action: 'patient.list', resourceType: 'patient' }, () => store.patients.list(filter)),
  };
}

export type DirectoryService = ReturnType<typeof directoryService>;
