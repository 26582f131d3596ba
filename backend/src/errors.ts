export type ErrorDetail = { path: string; message: string };

type ErrorRow = { status: number; message: string; when: string };

/**
 * Every error code the API answers with: its status, the message it carries unless the thrower
 * says more, and when it happens. The error classes below and the OpenAPI document's error
 * table both read it, so a new code is one row here.
 */
export const ERROR_CODES = {
  VALIDATION_ERROR: {
    status: 400,
    message: 'Invalid request',
    when: 'a body, query or path field fails its schema (ids included); details lists each field',
  },
  INVALID_JSON: { status: 400, message: 'The request body is not valid JSON', when: 'the body is not parseable JSON' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in to continue', when: 'no valid session cookie or bearer token' },
  INVALID_CREDENTIALS: { status: 401, message: 'The email or password is wrong', when: 'the email or password (or TOTP code) is wrong' },
  TOTP_REQUIRED: {
    status: 401,
    message: 'Enter the code from your authenticator app',
    when: 'the password is right and the account needs its TOTP code',
  },
  FORBIDDEN: {
    status: 403,
    message: 'You are not allowed to do that',
    when: "the caller's role may not do this, or the request came from another site",
  },
  NOT_FOUND: { status: 404, message: 'Not found', when: 'the id is well-formed but nothing has it' },
  LINK_INVALID: {
    status: 404,
    message: 'This link is not valid or has expired',
    when: 'a patient link or offer link is malformed, forged, for another purpose, or past its expiry',
  },
  BOOKING_CONFLICT: {
    status: 409,
    message: 'Time slot not available',
    when: 'the doctor already has a BOOKED appointment overlapping the interval',
  },
  PATIENT_CONFLICT: {
    status: 409,
    message: 'The patient already has an appointment at that time',
    when: 'the patient already has a BOOKED appointment overlapping the interval',
  },
  ALREADY_CANCELLED: { status: 409, message: 'Appointment is already cancelled', when: 'the appointment is already cancelled' },
  DUPLICATE: {
    status: 409,
    message: 'A patient with this email already exists',
    when: 'the patient email (case-insensitive) is taken',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    message: 'A request with this Idempotency-Key is still being processed; retry shortly',
    when: 'the first request with this Idempotency-Key has not finished',
  },
  SLOT_HELD: {
    status: 409,
    message: 'This time is held for a patient on the waitlist',
    when: "the doctor's time is held for a waitlisted patient who has been offered it",
  },
  OFFER_EXPIRED: {
    status: 409,
    message: 'This offer has expired and the time has gone to the next patient waiting',
    when: 'a waitlist offer is accepted after its hold ran out',
  },
  OFFER_CLOSED: {
    status: 409,
    message: 'This offer has already been answered',
    when: 'a waitlist offer is accepted or declined after it was accepted, declined or withdrawn',
  },
  CANCEL_TOO_LATE: {
    status: 409,
    message: 'It is too late to cancel this appointment online; please call the clinic',
    when: 'a patient link cancels within PATIENT_CANCEL_NOTICE_HOURS of the start',
  },
  INVALID_TRANSITION: {
    status: 409,
    message: 'The appointment cannot move to that status',
    when: "the status change is not allowed from the appointment's current status",
  },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is larger than 100 kB', when: 'the body is over 100 kB' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: 'The request body encoding is not supported',
    when: 'the body is sent with a Content-Encoding or charset the API does not read',
  },
  PAST_APPOINTMENT: { status: 422, message: 'Appointments must start in the future', when: 'start is not in the future' },
  OUTSIDE_WORKING_HOURS: {
    status: 422,
    message: "The time is outside the doctor's working hours",
    when: "the interval is not inside one of the doctor's working windows",
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    message: 'This Idempotency-Key was already used with a different request',
    when: 'the Idempotency-Key was used before with a different body',
  },
  INVALID_TEMPLATE: {
    status: 422,
    message: 'The template cannot be read',
    when: 'a message template is not valid Mustache (an unclosed tag or section); details name the part',
  },
  RATE_LIMITED: {
    status: 429,
    message: 'Too many requests; slow down and retry shortly',
    when: 'the client is over the per-minute request limit',
  },
  TOO_MANY_ATTEMPTS: {
    status: 429,
    message: 'Too many failed attempts; wait a while before trying again',
    when: 'too many failed sign-in attempts for the account or address',
  },
  INTERNAL_ERROR: {
    status: 500,
    message: 'Something went wrong; quote the correlation id when reporting it',
    when: 'anything unexpected; quote the correlationId',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    message: 'The database cannot be reached; try again shortly',
    when: 'the database cannot be reached',
  },
} as const satisfies Record<string, ErrorRow>;

export type ErrorCode = keyof typeof ERROR_CODES;

type CodeWithStatus<S extends number> = { [C in ErrorCode]: (typeof ERROR_CODES)[C]['status'] extends S ? C : never }[ErrorCode];

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code].message,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = new.target.name;
    this.status = ERROR_CODES[code].status;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('VALIDATION_ERROR', message, details);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

export class ConflictError extends AppError {
  constructor(code: CodeWithStatus<409>, message?: string, details?: ErrorDetail[]) {
    super(code, message, details);
  }
}

export class BusinessRuleError extends AppError {
  constructor(code: CodeWithStatus<422>, message?: string) {
    super(code, message);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message?: string) {
    super('SERVICE_UNAVAILABLE', message);
  }
}

export const bookingConflict = () => new ConflictError('BOOKING_CONFLICT');
export const patientConflict = () => new ConflictError('PATIENT_CONFLICT');
export const slotHeld = () =>
  new ConflictError('SLOT_HELD', 'This time is held for a patient on the waitlist until they answer the offer or the hold runs out');

/** A booking or a move into the doctor's time off: nothing was written. */
export const timeOffRefusal = () => new BusinessRuleError('OUTSIDE_WORKING_HOURS', 'The doctor is off at that time');

const STATUS_WORDS: Record<string, string> = {
  BOOKED: 'booked',
  CHECKED_IN: 'checked-in',
  COMPLETED: 'completed',
  NO_SHOW: 'no-show',
  CANCELLED: 'cancelled',
  HELD: 'held',
};
/** The 409 for a step the appointment's status does not allow, e.g. "A completed appointment cannot be cancelled". */
export function invalidTransition(status: string, doing: string): ConflictError {
  if (status === 'CANCELLED') {
    return new ConflictError('ALREADY_CANCELLED', doing === 'cancelled' ? undefined : `A cancelled appointment cannot be ${doing}`);
  }
  return new ConflictError('INVALID_TRANSITION', `A ${STATUS_WORDS[status] ?? status} appointment cannot be ${doing}`);
}
// Both adapters' unique indexes on the patient email end here, whatever their driver calls it.
export const duplicateEmail = () => new ConflictError('DUPLICATE', undefined, [{ path: 'email', message: 'already registered' }]);

export class AuthenticationError extends AppError {
  constructor(code: 'UNAUTHENTICATED' | 'INVALID_CREDENTIALS' | 'TOTP_REQUIRED', message?: string) {
    super(code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role may not do this') {
    super('FORBIDDEN', message);
  }
}

export class TooManyAttemptsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('TOO_MANY_ATTEMPTS', `Too many failed sign-ins; try again in ${retryAfterSeconds} s`);
  }
}
