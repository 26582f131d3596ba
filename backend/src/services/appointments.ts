import { currentActor } from '../config/context.js';
import type { Logger } from '../config/logger.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import type { AppointmentFilter, IdempotencyCompletion, Store } from '../store/store.js';
import type { AuditService } from './audit.js';
import { findAvailability, type AvailabilityQuery } from './availability.js';
import { bookAppointment, rescheduleAppointment, type BookingPolicy, type BookingRequest, type RescheduleRequest } from './booking.js';
import { dayBounds } from './clinic-time.js';
import { FRONT_DESK_STEPS, takeStep, type FrontDeskStep } from './front-desk.js';
import type { ParticipantsCache } from './participants-cache.js';
import { confinedToDoctor } from './scope.js';
import type { SiteDirectory } from './sites.js';

export type AppointmentQuery = Omit<AppointmentFilter, 'from' | 'to'> & { date?: string; from?: Date; to?: Date };

/** Narrows [from, to) to the clinic-local day when a date is given; both bounds apply if both are. */
function window(query: AppointmentQuery, timezone: string): Pick<AppointmentFilter, 'from' | 'to'> {
  const day = query.date ? dayBounds(query.date, timezone) : null;
  const latest = (a?: Date, b?: Date) => (a && b ? (a > b ? a : b) : (a ?? b));
  const earliest = (a?: Date, b?: Date) => (a && b ? (a < b ? a : b) : (a ?? b));
  return { from: latest(query.from, day?.start), to: earliest(query.to, day?.end) };
}

export function appointmentService(
  store: Store,
  cache: ParticipantsCache,
  clinic: BookingPolicy,
  clock: () => Date,
  logger: Logger,
  audit: AuditService,
  sites: SiteDirectory,
) {
  // The rules read each working window in its site's zone.
  const policy = async (): Promise<BookingPolicy> => {
    const book = await sites.book();
    return { ...clinic, siteZones: book.hours.siteZones, siteOf: book.siteOf };
  };
  return {
    book: async (request: BookingRequest, idempotency?: IdempotencyCompletion) => {
      const rules = await policy();
      const booked = await audit.write({ action: 'appointment.book', resourceType: 'appointment' }, (record) =>
        bookAppointment(store, cache, rules, request, clock(), idempotency, record),
      );
      logger.info('appointment booked', {
        appointmentId: booked.id,
        doctorId: booked.doctorId,
        patientId: booked.patientId,
        start: booked.start,
      });
      return booked;
    },
    reschedule: async (id: string, request: RescheduleRequest, idempotency?: IdempotencyCompletion) => {
      const rules = await policy();
      const moved = await audit.write({ action: 'appointment.reschedule', resourceType: 'appointment', resourceId: id }, (record) =>
        rescheduleAppointment(store, rules, id, request, clock(), idempotency, record),
      );
      logger.info('appointment rescheduled', { appointmentId: id, doctorId: moved.doctorId, start: moved.start });
      return moved;
    },
    cancel: async (id: string, reason: string | null, idempotency?: IdempotencyCompletion) => {
      const cancelled = await audit.write({ action: 'appointment.cancel', resourceType: 'appointment', resourceId: id }, (record) =>
        store.appointments.cancel(id, reason, idempotency, record),
      );
      logger.info('appointment cancelled', { appointmentId: id, doctorId: cancelled.doctorId });
      return cancelled;
    },
    step: async (id: string, step: FrontDeskStep, idempotency?: IdempotencyCompletion) => {
      const { action } = FRONT_DESK_STEPS[step];
      const stamp = { at: clock(), by: currentActor().label ?? 'unknown' };
      const moved = await audit.write({ action, resourceType: 'appointment', resourceId: id }, (record) =>
        takeStep(store, id, step, stamp, idempotency, record),
      );
      logger.info(`appointment ${step}`, { appointmentId: id, doctorId: moved.doctorId, status: moved.status });
      return moved;
    },
    // Another doctor's appointment is answered as if it did not exist: its id tells nothing.
    get: (id: string) =>
      audit.read({ action: 'appointment.read', resourceType: 'appointment', resourceId: id }, async () => {
        const appointment = await store.appointments.get(id);
        const own = confinedToDoctor();
        if (!appointment || (own && appointment.doctorId !== own)) throw new NotFoundError('Appointment not found');
        return appointment;
      }),
    // Every listed appointment names its patient; a list of one patient's is filed under that patient.
    list: (query: AppointmentQuery) => {
      const { date: _date, ...filter } = query;
      const target = query.patientId ? { resourceType: 'patient', resourceId: query.patientId } : { resourceType: 'appointment' };
      return audit.read({ action: 'appointment.list', ...target }, async () => {
        const own = confinedToDoctor();
        if (own && filter.doctorId && filter.doctorId !== own) return { items: [], total: 0 };
        return store.appointments.list({ ...filter, ...(own ? { doctorId: own } : {}), ...window(query, clinic.timezone) });
      });
    },
    listForPatient: (patientId: string, page: { limit: number; offset: number }) =>
      audit.read({ action: 'appointment.list', resourceType: 'patient', resourceId: patientId }, async () => {
        if (!(await store.patients.get(patientId))) throw new NotFoundError('Patient not found');
        return store.appointments.list({ patientId, ...page, newestFirst: true });
      }),
    availability: async (query: AvailabilityQuery) => {
      const own = confinedToDoctor();
      if (own && query.doctorId !== own) throw new NotFoundError('Doctor not found');
      const { patientId } = query;
      const rules = await policy();
      if (!patientId) return findAvailability(store, rules, query, clock());
      // The slots left out tell when the patient is booked with any doctor: desk data, on the trail.
      if (own) throw new ForbiddenError("A doctor account may not look up a patient's other appointments");
      return audit.read({ action: 'appointment.list', resourceType: 'patient', resourceId: patientId }, () =>
        findAvailability(store, rules, query, clock()),
      );
    },
  };
}

export type AppointmentService = ReturnType<typeof appointmentService>;
