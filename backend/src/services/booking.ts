import { BusinessRuleError, ConflictError, NotFoundError, ServiceUnavailableError, ValidationError } from '../errors.js';
import type { AuditEntry } from '../store/ports/audit.js';
import { ParticipantsChangedError, type AppointmentView, type IdempotencyCompletion, type Schedule, type Store } from '../store/store.js';
import { windowHolding, type ClinicHours, type Interval, type SiteWindow } from './clinic-time.js';
import type { ParticipantsCache } from './participants-cache.js';
import { offeredVisitType } from './visit-types.js';

export type BookingRequest = { doctorId: string; patientId: string; start: Date; end?: Date; reason?: string | null; visitTypeId?: string };
export type RescheduleRequest = { start: Date; end?: Date; doctorId?: string };
/**
 * The clinic's hours (and its sites' zones), how many days ahead it takes bookings, and the site
 * of a working window as an appointment names it (absent: the store's default site).
 */
export type BookingPolicy = ClinicHours & { horizonDays: number; siteOf?: (siteId: string | null) => AppointmentView['site'] };

const MINUTE = 60_000;
const MIN_DURATION = 5 * MINUTE;
const MAX_DURATION = 8 * 60 * MINUTE;
const DAY = 24 * 60 * MINUTE;

function checkDuration(start: Date, end: Date) {
  const length = end.getTime() - start.getTime();
  if (length < MIN_DURATION || length > MAX_DURATION || length % MINUTE !== 0) {
    throw new ValidationError('Invalid appointment length', [
      { path: 'end', message: 'the appointment must last between 5 minutes and 8 hours, in whole minutes' },
    ]);
  }
}

/**
 * The rules a person can be told about before the store's overlap guarantee has its say. The
 * buffer after the visit is the doctor's time too, so it must fall inside working hours.
 */
function checkRules(interval: Interval, bufferMinutes: number, schedule: Schedule | null, clinic: BookingPolicy, now: Date): SiteWindow {
  checkDuration(interval.start, interval.end);
  if (interval.start <= now) throw new BusinessRuleError('PAST_APPOINTMENT');
  // Beyond the horizon the time is out of the field's range, like a year 9999, so it is a 400.
  if (interval.start.getTime() > now.getTime() + clinic.horizonDays * DAY) {
    throw new ValidationError('Invalid appointment time', [{ path: 'start', message: `must be at most ${clinic.horizonDays} days ahead` }]);
  }
  const busy = { start: interval.start, end: new Date(interval.end.getTime() + bufferMinutes * MINUTE) };
  const window = windowHolding(busy, schedule, clinic);
  if (!window) throw new BusinessRuleError('OUTSIDE_WORKING_HOURS');
  return window;
}

// A doctor or patient edited between our read and the insert is read again; twice in a row is
// as good as never, so a third time is reported instead of looping.
const BOOKING_ATTEMPTS = 3;

/**
 * Checks the rules against this process's copies of the doctor and patient, then lets the store
 * insert if those copies are still current, under its overlap guarantee; a race lost after these
 * checks still ends as a 409 from the store.
 */
export async function bookAppointment(
  store: Store,
  cache: ParticipantsCache,
  clinic: BookingPolicy,
  request: BookingRequest,
  now: Date,
  idempotency?: IdempotencyCompletion,
  audit?: AuditEntry,
): Promise<AppointmentView> {
  for (let attempt = 1; attempt <= BOOKING_ATTEMPTS; attempt += 1) {
    const { doctor, patient } = await cache.get(request.doctorId, request.patientId, { fresh: attempt > 1 });
    if (!doctor) throw new NotFoundError('Doctor not found');
    if (!patient) throw new NotFoundError('Patient not found');
    const visitType = request.visitTypeId ? await offeredVisitType(store, doctor.id, request.visitTypeId) : null;
    const minutes = visitType?.durationMinutes ?? doctor.slotMinutes;
    const interval = { start: request.start, end: request.end ?? new Date(request.start.getTime() + minutes * MINUTE) };
    if (visitType && interval.end.getTime() - interval.start.getTime() !== minutes * MINUTE) {
      throw new ValidationError('Invalid appointment length', [
        { path: 'end', message: `must be left out or be ${minutes} minutes after start, the visit type's length` },
      ]);
    }
    const bufferMinutes = visitType?.bufferMinutes ?? 0;
    const window = checkRules(interval, bufferMinutes, doctor.schedule, clinic, now);
    try {
      return await store.appointments.book(
        {
          doctor: { id: doctor.id, name: doctor.name, specialty: doctor.specialty },
          patient: { id: patient.id, name: patient.name },
          versions: { doctor: doctor.updatedAt, patient: patient.updatedAt },
          start: interval.start,
          end: interval.end,
          reason: request.reason ?? null,
          visitType: visitType && { id: visitType.id, name: visitType.name },
          bufferMinutes,
          site: clinic.siteOf?.(window.siteId),
        },
        idempotency,
        audit,
      );
    } catch (error) {
      if (!(error instanceof ParticipantsChangedError)) throw error;
    }
  }
  throw new ServiceUnavailableError('The doctor or patient kept changing during the booking; please try again');
}

/** Moves a booked appointment, keeping its length unless a new end is given; same rules as booking. */
export async function rescheduleAppointment(
  store: Store,
  clinic: BookingPolicy,
  id: string,
  request: RescheduleRequest,
  now: Date,
  idempotency?: IdempotencyCompletion,
  audit?: AuditEntry,
): Promise<AppointmentView> {
  const current = await store.appointments.get(id);
  if (!current) throw new NotFoundError('Appointment not found');
  if (current.status === 'CANCELLED') throw new ConflictError('ALREADY_CANCELLED', 'A cancelled appointment cannot be rescheduled');
  // A move to another doctor is checked against that doctor's hours.
  const { doctor } = await store.appointments.participants(request.doctorId ?? current.doctorId, current.patientId);
  if (!doctor) throw new NotFoundError('Doctor not found');
  const length = current.end.getTime() - current.start.getTime();
  const interval = { start: request.start, end: request.end ?? new Date(request.start.getTime() + length) };
  const window = checkRules(interval, current.bufferMinutes, doctor.schedule, clinic, now);
  const to = { siteId: clinic.siteOf?.(window.siteId).id, doctorId: doctor.id === current.doctorId ? undefined : doctor.id };
  return store.appointments.reschedule(id, interval.start, interval.end, idempotency, audit, to);
}
