import { NotFoundError, ValidationError } from '../errors.js';
import { HOLDS_TIME, type AppointmentView, type Rota, type Store, type Weekly } from '../store/store.js';
import { clinicDateOf, dayBounds, isWithinWorkingHours, pad, rotaOn, type ClinicHours } from './clinic-time.js';
import type { ParticipantsCache } from './participants-cache.js';
import { confinedToDoctor } from './scope.js';
import type { SiteDirectory } from './sites.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const MOST_CHECKED = 5000;

/** Dated weekly rotas: a change takes effect from a date, and the dates before keep what they had. */
export function rotaService(store: Store, cache: ParticipantsCache, clinic: ClinicHours, clock: () => Date, sites: SiteDirectory) {
  const clinicHours = (): Weekly =>
    Object.fromEntries(WEEKDAYS.map((day) => [day, [{ start: pad(clinic.startHour), end: pad(clinic.endHour) }]]));

  return {
    /** The rota that applies on `date` (today when absent): a dated one, or the doctor's base week. */
    on: async (doctorId: string, date?: string) => {
      const own = confinedToDoctor();
      const doctor = own && own !== doctorId ? null : await store.doctors.get(doctorId);
      if (!doctor) throw new NotFoundError('Doctor not found');
      const day = date ?? clinicDateOf(clock(), clinic.timezone);
      const rota = rotaOn(day, doctor.schedule);
      return { effectiveFrom: rota?.effectiveFrom ?? null, weekly: rota?.weekly ?? doctor.schedule?.weekly ?? clinicHours() };
    },

    /**
     * Sets the rota from `effectiveFrom` (today when absent) on, replacing one that starts the same
     * day, and answers it with the appointments from then on that its hours no longer hold.
     */
    set: async (doctorId: string, input: { effectiveFrom?: string; weekly: Weekly }) => {
      const today = clinicDateOf(clock(), clinic.timezone);
      const effectiveFrom = input.effectiveFrom ?? today;
      if (effectiveFrom < today) {
        throw new ValidationError('Invalid rota', [
          { path: 'effectiveFrom', message: 'must be today or later: past days keep their rota' },
        ]);
      }
      await sites.checkSchedule({ weekly: input.weekly });
      const doctor = await store.doctors.get(doctorId);
      if (!doctor) throw new NotFoundError('Doctor not found');
      const rota: Rota = { effectiveFrom, weekly: input.weekly };
      const rotas = [...(doctor.schedule?.rotas ?? []).filter((r) => r.effectiveFrom !== effectiveFrom), rota].sort((a, b) =>
        a.effectiveFrom.localeCompare(b.effectiveFrom),
      );
      const updated = cache.rememberDoctor(await store.doctors.update(doctorId, { schedule: { ...doctor.schedule, rotas } }));
      if (!updated) throw new NotFoundError('Doctor not found');
      const { items } = await store.appointments.list({
        doctorId,
        statuses: HOLDS_TIME,
        from: dayBounds(effectiveFrom, clinic.timezone)!.start,
        limit: MOST_CHECKED,
        offset: 0,
      });
      const hours = (await sites.book()).hours;
      // The buffer after a visit is the doctor's time too.
      const busy = (a: AppointmentView) => ({ start: a.start, end: new Date(a.end.getTime() + a.bufferMinutes * 60_000) });
      const outsideHours: AppointmentView[] = items.filter((a) => !isWithinWorkingHours(busy(a), updated.schedule, hours));
      return { ...rota, outsideHours };
    },
  };
}

export type RotaService = ReturnType<typeof rotaService>;
