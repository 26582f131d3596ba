import { bookingConflict, duplicateEmail, NotFoundError, patientConflict, ServiceUnavailableError } from '../../errors.js';
import { translatingErrors } from '../driver-errors.js';

type DriverError = { code?: string; constraint?: string; message?: string };

// 25006 read_only_sql_transaction: the server was a primary when chosen and has since been demoted
// (or was promoted but does not take writes yet); the next primary is being looked for.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '25006']);
const LOST_CONNECTION = /Connection terminated|Client has encountered a connection error|Connection is closed|PGlite is closed/i;

/** Whether the error says this server is gone or no longer the primary, as opposed to merely busy. */
export function isServerLost(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const error = raw as DriverError;
  if (error.code && (UNREACHABLE_CODES.has(error.code) || error.code.startsWith('08'))) return true;
  return LOST_CONNECTION.test(error.message ?? '');
}

function isUnreachable(error: DriverError): boolean {
  return isServerLost(error) || /timeout exceeded when trying to connect/i.test(error.message ?? '');
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
