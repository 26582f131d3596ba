import { bookingConflict, ConflictError, ServiceUnavailableError } from '../../errors.js';
import { isUnavailable } from './unavailable.js';

type MongoLikeError = {
  name?: string;
  code?: number;
  keyPattern?: Record<string, unknown>;
  errorLabels?: string[] | Set<string>;
  hasErrorLabel?: (label: string) => boolean;
};

const WRITE_CONFLICT = 112;
const DUPLICATE_KEY = 11000;

export function hasLabel(error: unknown, label: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as MongoLikeError;
  if (typeof candidate.hasErrorLabel === 'function') return candidate.hasErrorLabel(label);
  const labels = candidate.errorLabels;
  return Array.isArray(labels) ? labels.includes(label) : labels instanceof Set ? labels.has(label) : false;
}

/** A transaction that failed this way did nothing and can run again from the top. */
export function isTransientTransactionError(error: unknown): boolean {
  if (hasLabel(error, 'TransientTransactionError')) return true;
  const candidate = error as (MongoLikeError & { message?: string }) | null;
  if (candidate?.code === WRITE_CONFLICT) return true;
  // Two first bookings of a doctor can race to create the same lock document.
  return candidate?.code === DUPLICATE_KEY && /booking_locks/.test(candidate.message ?? '');
}

export function translateMongoError(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const error = raw as MongoLikeError;
  if (error.code === DUPLICATE_KEY && error.keyPattern && 'emailKey' in error.keyPattern) {
    return new ConflictError('DUPLICATE', 'A patient with this email already exists', [{ path: 'email', message: 'already registered' }]);
  }
  // The partial unique index on BOOKED {doctorId, start}: a writer that skipped the lock documents.
  if (error.code === DUPLICATE_KEY && error.keyPattern && 'doctorId' in error.keyPattern) return bookingConflict();
  if (isUnavailable(raw)) return new ServiceUnavailableError();
  return raw;
}

export async function mongoCall<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw translateMongoError(error);
  }
}
