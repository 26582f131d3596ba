import { BusinessRuleError, NotFoundError, ValidationError } from '../errors.js';
import type { AppointmentView, IdempotencyCompletion, Store } from '../store/store.js';
import { isWithinWorkingHours, type ClinicHours } from './clinic-time.js';

export type BookingRequest = { doctorId: string; patientId: string; start: Date; end?: Date; reason?: string | null };

const MINUTE = 60_000;
const MIN_DURATION = 5 * MINUTE;
const MAX_DURATION = 8 * 60 * MINUTE;

function checkDuration(start: Date, end: Date) {
  const length = end.getTime() - start.getTime();
  if (length < MIN_DURATION || length > MAX_DURATION || length % MINUTE !== 0) {
    throw new ValidationError('Invalid appointment length', [
      { path: 'end', message: 'the appointment must last between 5 minutes and 8 hours, in whole minutes' },
    ]);
  }
}

/**
 * Checks the rules a person can be told about, then lets the store insert under its overlap
 * guarantee; a race lost after these checks still ends as a 409 from the store.
 */
export async function bookAppointment(
  store: Store,
  clinic: ClinicHours,
  request: BookingRequest,
  now: Date,
  idempotency?: IdempotencyCompletion,
): Promise<AppointmentView> {
  const { doctor, patient } = await store.appointments.participants(request.doctorId, request.patientId);
  if (!doctor) throw new NotFoundError('Doctor not found');
  if (!patient) throw new NotFoundError('Patient not found');
  const interval = { start: request.start, end: request.end ?? new Date(request.start.getTime() + doctor.slotMinutes * MINUTE) };
  checkDuration(interval.start, interval.end);
  if (interval.start <= now) throw new BusinessRuleError('PAST_APPOINTMENT', 'Appointments must start in the future');
  if (!isWithinWorkingHours(interval, doctor.schedule, clinic)) {
    throw new BusinessRuleError('OUTSIDE_WORKING_HOURS', "The time is outside the doctor's working hours");
  }
  return store.appointments.book(
    {
      doctor: { id: doctor.id, name: doctor.name, specialty: doctor.specialty },
      patient: { id: patient.id, name: patient.name },
      start: interval.start,
      end: interval.end,
      reason: request.reason ?? null,
    },
    idempotency,
  );
}
