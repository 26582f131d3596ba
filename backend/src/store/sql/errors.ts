import { bookingConflict, duplicateEmail, NotFoundError, patientConflict, ServiceUnavailableError } from '../../errors.js';
import { translatingErrors } from '../driver-errors.js';

type DriverError = { code?: string; constraint?: string; message?: string };

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03']);

function isUnreachable(error: DriverError): boolean {
  if (error.code && (UNREACHABLE_CODES.has(error.code) || error.code.startsWith('08'))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|PGlite is closed/i.test(
    error.message ?? '',
  );
}

/** Turns what PostgreSQL reports into the API's errors; anything unrecognised passes through as a 500. */
export function translateSqlError(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const error = raw as DriverError;
  const constraint = error.constraint ?? error.message ?? '';
  if (error.code === '23P01') {
    return constraint.includes('patient') ? patientConflict() : bookingConflict();
  }
  if (error.code === '23505' && constraint.includes('patients_email')) {
    return duplicateEmail();
  }
  if (error.code === '23503') {
    return new NotFoundError(constraint.includes('patient') ? 'Patient not found' : 'Doctor not found');
  }
  if (isUnreachable(error)) return new ServiceUnavailableError();
  return raw;
}

export const sqlCall = translatingErrors(translateSqlError);
