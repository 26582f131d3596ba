/** The storage port: everything the services need, and nothing about how an engine does it. */

import type { AuditEntry, AuditRepository } from './ports/audit.js';
import type { AccountRepository, SessionRepository, TokenRepository } from './access.js';
import type { SiteRepository } from './ports/sites.js';
import type { VisitTypeRepository } from './ports/visit-types.js';
import type { WebhookRepository } from './ports/webhooks.js';
import type { MessageRepository } from './ports/messages.js';
import type { SecretRepository } from './ports/secrets.js';
import type { WaitlistRepository } from './ports/waitlist.js';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
/** A working window in wall time at a site (none: the default site). */
export type TimeWindow = { start: string; end: string; siteId?: string };
export type Weekly = Partial<Record<Weekday, TimeWindow[]>>;
/** A weekly rota that applies from a clinic-local date until a later one takes over. */
export type Rota = { effectiveFrom: string; weekly: Weekly };
export type Schedule = { weekly?: Weekly; daysOff?: string[]; rotas?: Rota[] };

export type Doctor = {
  id: string;
  name: string;
  specialty: string;
  email: string | null;
  phone: string | null;
  slotMinutes: number;
  schedule: Schedule | null;
  /** The secret in the doctor's calendar feed URL; staff can rotate it. */
  calendarKey: string;
  createdAt: Date;
  updatedAt: Date;
};

export type Patient = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  dateOfBirth: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** HELD: a slot offered to a waitlisted patient, kept from everyone else until they answer or the hold runs out. */
export type AppointmentStatus = 'BOOKED' | 'CHECKED_IN' | 'COMPLETED' | 'NO_SHOW' | 'CANCELLED' | 'HELD';

/** The statuses whose time no one else may have (SPEC): a cancelled or missed visit gives it back. */
export const HOLDS_TIME = ['BOOKED', 'CHECKED_IN', 'COMPLETED'] as const satisfies readonly AppointmentStatus[];

/** What the overlap rules keep apart: appointments that hold time, and waitlist holds. */
export const KEEPS_TIME = [...HOLDS_TIME, 'HELD'] as const satisfies readonly AppointmentStatus[];

/** What a list shows when it asks for no status: a hold is an offer, not yet anyone's appointment. */
export const LISTED_BY_DEFAULT = [
  'BOOKED',
  'CHECKED_IN',
  'COMPLETED',
  'NO_SHOW',
  'CANCELLED',
] as const satisfies readonly AppointmentStatus[];

/** A front-desk step: the status it leads to, when it was recorded and by whom (the caller's label). */
export type StatusChange = { status: 'CHECKED_IN' | 'COMPLETED' | 'NO_SHOW'; at: Date; by: string };

export type Appointment = {
  id: string;
  doctorId: string;
  patientId: string;
  start: Date;
  end: Date;
  status: AppointmentStatus;
  reason: string | null;
  cancelledAt: Date | null;
  cancellationReason: string | null;
  checkedInAt: Date | null;
  checkedInBy: string | null;
  completedAt: Date | null;
  completedBy: string | null;
  noShowAt: Date | null;
  noShowBy: string | null;
  /** When the patient confirmed they will come, through their link; null until they do. */
  patientConfirmedAt: Date | null;
  /** 0 when booked, one more with every move: the calendar feed's SEQUENCE. */
  revision: number;
  visitTypeId: string | null;
  /** The doctor's time after `end` that the appointment keeps from other bookings (its visit type's buffer when booked). */
  bufferMinutes: number;
  /** The site of the working window it was booked into. */
  siteId: string;
  createdAt: Date;
  updatedAt: Date;
};

/** An appointment with the names staff need to read it, fetched in the same query. */
export type AppointmentView = Appointment & {
  doctor: { id: string; name: string; specialty: string };
  patient: { id: string; name: string };
  visitType: { id: string; name: string } | null;
  /** Its zone is null for the default site, which follows CLINIC_TIMEZONE. */
  site: { id: string; name: string; timezone: string | null };
};

/**
 * A doctor, the intervals that hold their time (HOLDS_TIME, each through its buffer) and their
 * time off in one window, as availability reads them.
 */
export type DoctorDay = { doctor: Doctor | null; booked: Array<{ start: Date; end: Date }>; off: Array<{ start: Date; end: Date }> };

export const TIME_OFF_REASONS = ['holiday', 'sick_leave', 'training', 'other'] as const;
export type TimeOffReason = (typeof TIME_OFF_REASONS)[number];
export type TimeOff = { id: string; doctorId: string; start: Date; end: Date; reason: TimeOffReason; createdAt: Date };
export type NewTimeOff = Pick<TimeOff, 'doctorId' | 'start' | 'end' | 'reason'>;

export interface TimeOffRepository {
  /**
   * Adds the time off and answers the appointments that hold time inside it, which it leaves as
   * they are; null for an unknown doctor. A booking of the doctor racing it either is among
   * those appointments or is refused: never neither.
   */
  create(input: NewTimeOff): Promise<{ timeOff: TimeOff; affected: AppointmentView[] } | null>;
  /** The doctor's time off overlapping [from, to) (either bound optional), in start order. */
  list(doctorId: string, from?: Date, to?: Date): Promise<TimeOff[]>;
  get(id: string): Promise<TimeOff | null>;
  /** Deletes it and answers what it was; null if there was none. */
  remove(id: string): Promise<TimeOff | null>;
}

export type NewDoctor = Pick<Doctor, 'name' | 'specialty' | 'email' | 'phone' | 'slotMinutes' | 'schedule'>;
export type DoctorChanges = Partial<NewDoctor>;
export type NewPatient = Pick<Patient, 'name' | 'email' | 'phone' | 'dateOfBirth'>;
export type PatientChanges = Partial<NewPatient>;

export type NewAppointment = {
  doctor: AppointmentView['doctor'];
  patient: AppointmentView['patient'];
  /** The `updatedAt` of the doctor and patient the rules were checked against. */
  versions: { doctor: Date; patient: Date };
  start: Date;
  end: Date;
  reason: string | null;
  /** None and no buffer when absent. */
  visitType?: { id: string; name: string } | null;
  bufferMinutes?: number;
  /** Where it happens; the default site when absent. */
  site?: AppointmentView['site'];
};

/**
 * A booking's doctor or patient is gone or has changed since the caller read it: nothing was
 * written, and the caller should read them again and re-check its rules.
 */
export class ParticipantsChangedError extends Error {
  constructor() {
    super('The doctor or the patient changed since they were read');
    this.name = 'ParticipantsChangedError';
  }
}

export type Page = { limit: number; offset: number };
export type PageOf<T> = { items: T[]; total: number };

export type DoctorFilter = Page & { specialty?: string; q?: string };
export type PatientFilter = Page & { q?: string };
export type AppointmentFilter = Page & {
  doctorId?: string;
  patientId?: string;
  statuses?: readonly AppointmentStatus[];
  from?: Date;
  to?: Date;
  newestFirst?: boolean;
};

export type StoredResponse = { status: number; body: unknown };

/**
 * Written in the same transaction as the booking or cancellation it answers, so a replay can
 * never see a booking without its response or a response without its booking.
 */
export type IdempotencyCompletion = {
  key: string;
  render: (appointment: AppointmentView) => StoredResponse;
};

export type IdempotencyBegin =
  | { state: 'started' }
  | { state: 'completed'; requestHash: string; response: StoredResponse }
  | { state: 'in-progress'; requestHash: string };

export interface DoctorRepository {
  create(input: NewDoctor): Promise<Doctor>;
  /** A new calendar key: the old one stops working at once. Null for an unknown doctor. */
  rotateCalendarKey(id: string): Promise<Doctor | null>;
  get(id: string): Promise<Doctor | null>;
  update(id: string, changes: DoctorChanges): Promise<Doctor | null>;
  list(filter: DoctorFilter): Promise<PageOf<Doctor>>;
}

/** Writes of patient data take their audit record, stored in the write's own transaction. */
export interface PatientRepository {
  create(input: NewPatient, audit?: AuditEntry): Promise<Patient>;
  get(id: string): Promise<Patient | null>;
  update(id: string, changes: PatientChanges, audit?: AuditEntry): Promise<Patient | null>;
  list(filter: PatientFilter): Promise<PageOf<Patient>>;
}

export interface AppointmentRepository {
  /** The doctor and the patient of a booking, read together: one round trip where the engine allows. */
  participants(doctorId: string, patientId: string): Promise<{ doctor: Doctor | null; patient: Patient | null }>;
  /**
   * Inserts atomically, in one round trip where the engine allows, if the doctor and patient are
   * still at `versions`; else throws ParticipantsChangedError. Throws BOOKING_CONFLICT /
   * PATIENT_CONFLICT when one that holds its time overlaps.
   */
  book(input: NewAppointment, idempotency?: IdempotencyCompletion, audit?: AuditEntry): Promise<AppointmentView>;
  /**
   * Moves a BOOKED appointment under the same overlap guarantee as book (itself excluded), to
   * another site or doctor if `to` names one; refuses others as cancel does.
   */
  reschedule(
    id: string,
    start: Date,
    end: Date,
    idempotency?: IdempotencyCompletion,
    audit?: AuditEntry,
    to?: { siteId?: string; doctorId?: string },
  ): Promise<AppointmentView>;
  /**
   * Records a front-desk step if the appointment is still `from`, in one conditional write; null
   * when it is unknown or no longer `from` (the caller reads it again to say why).
   */
  setStatus(
    id: string,
    from: AppointmentStatus,
    change: StatusChange,
    idempotency?: IdempotencyCompletion,
    audit?: AuditEntry,
  ): Promise<AppointmentView | null>;
  /**
   * Records the patient's confirmation once, only while BOOKED: a second confirmation keeps the
   * first time. Null when the appointment is unknown or no longer BOOKED.
   */
  confirmByPatient(id: string, at: Date, audit?: AuditEntry): Promise<AppointmentView | null>;
  /** Throws NOT_FOUND, ALREADY_CANCELLED, or INVALID_TRANSITION for one past BOOKED; never deletes. */
  cancel(id: string, reason: string | null, idempotency?: IdempotencyCompletion, audit?: AuditEntry): Promise<AppointmentView>;
  get(id: string): Promise<AppointmentView | null>;
  list(filter: AppointmentFilter): Promise<PageOf<AppointmentView>>;
  /**
   * A doctor and the intervals that hold their time overlapping [from, to), read together for availability.
   * It may be answered from memory: it always reflects every write this process has finished,
   * and another process's writes as soon as the adapter hears of them.
   */
  doctorDay(doctorId: string, from: Date, to: Date): Promise<DoctorDay>;
}

export interface IdempotencyRepository {
  /** Claims the key, or reports what an earlier request with it did. Locks older than staleAfterMs are taken over. */
  begin(key: string, requestHash: string, staleAfterMs: number): Promise<IdempotencyBegin>;
  /** Records the response of a request that wrote nothing (a 4xx); no-op once completed. */
  complete(key: string, response: StoredResponse): Promise<void>;
  /** Forgets a claim whose request failed unexpectedly, so a retry runs again. */
  release(key: string): Promise<void>;
  purgeExpired(now: Date): Promise<number>;
}

export interface Store {
  readonly kind: 'pglite' | 'postgres' | 'mongodb';
  readonly doctors: DoctorRepository;
  readonly patients: PatientRepository;
  readonly appointments: AppointmentRepository;
  readonly timeOff: TimeOffRepository;
  readonly visitTypes: VisitTypeRepository;
  readonly sites: SiteRepository;
  readonly webhooks: WebhookRepository;
  readonly messages: MessageRepository;
  readonly secrets: SecretRepository;
  readonly waitlist: WaitlistRepository;
  readonly idempotency: IdempotencyRepository;
  readonly audit: AuditRepository;
  readonly accounts: AccountRepository;
  readonly sessions: SessionRepository;
  readonly tokens: TokenRepository;
  /** How doctorDay's memory has done since start-up, where the adapter keeps one. */
  readonly dayCacheStats?: () => { hits: number; misses: number; entries: number; serving: boolean };
  /**
   * Calls `listener` soon after any appointment or doctor changes, in this process or (through the
   * engine's notices) another; answers how to stop. Absent where the adapter hears of no changes.
   */
  readonly onChange?: (listener: () => void) => () => void;
  /** Throws ServiceUnavailableError when the engine cannot answer. */
  ping(): Promise<void>;
  /** Deletes every row; for tests and `seed --reset`. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
