export type ErrorDetail = { path: string; message: string };

export type ErrorCode =
  | 'VALIDATION_ERROR'
  | 'INVALID_JSON'
  | 'NOT_FOUND'
  | 'BOOKING_CONFLICT'
  | 'PATIENT_CONFLICT'
  | 'ALREADY_CANCELLED'
  | 'DUPLICATE'
  | 'PAST_APPOINTMENT'
  | 'OUTSIDE_WORKING_HOURS'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_IN_PROGRESS'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'INTERNAL_ERROR'
  | 'SERVICE_UNAVAILABLE'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'TOTP_REQUIRED'
  | 'FORBIDDEN'
  | 'TOO_MANY_ATTEMPTS';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('VALIDATION_ERROR', 400, message, details);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('NOT_FOUND', 404, message);
  }
}

export class ConflictError extends AppError {
  constructor(
    code: 'BOOKING_CONFLICT' | 'PATIENT_CONFLICT' | 'ALREADY_CANCELLED' | 'DUPLICATE' | 'IDEMPOTENCY_IN_PROGRESS',
    message: string,
    details?: ErrorDetail[],
  ) {
    super(code, 409, message, details);
  }
}

export class BusinessRuleError extends AppError {
  constructor(code: 'PAST_APPOINTMENT' | 'OUTSIDE_WORKING_HOURS' | 'IDEMPOTENCY_KEY_REUSED', message: string) {
    super(code, 422, message);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message = 'The database cannot be reached; try again shortly') {
    super('SERVICE_UNAVAILABLE', 503, message);
  }
}

export class AuthenticationError extends AppError {
  constructor(code: 'UNAUTHENTICATED' | 'INVALID_CREDENTIALS' | 'TOTP_REQUIRED', message: string) {
    super(code, 401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role may not do this') {
    super('FORBIDDEN', 403, message);
  }
}

export class TooManyAttemptsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('TOO_MANY_ATTEMPTS', 429, `Too many failed sign-ins; try again in ${retryAfterSeconds} s`);
  }
}

export const bookingConflict = () => new ConflictError('BOOKING_CONFLICT', 'Time slot not available');
export const patientConflict = () => new ConflictError('PATIENT_CONFLICT', 'The patient already has an appointment at that time');
