import { ServiceUnavailableError, type AppError } from '../../errors.js';
import { conflictError, type Conflict } from './overlap.js';
import { runTransaction, TransactionRetriesExhausted, type RetryPolicy, type TransactionSession } from './retry.js';

export const BOOKING_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 5, maxCommitAttempts: 2 };

/**
 * The answer once every attempt collided: the others may only have shared a lock document (one
 * doctor, one day) without taking this time, so 409 only when an overlap really exists now, and
 * otherwise 503, which tells the client to try again.
 */
export async function verdictAfterRetries(findConflict?: () => Promise<Conflict | null>): Promise<AppError> {
  const conflict = findConflict ? await findConflict() : null;
  return conflict ? conflictError(conflict) : new ServiceUnavailableError('Too many changes to this schedule at once; try again');
}

export async function runBookingTransaction<T>(
  session: TransactionSession,
  work: () => Promise<T>,
  policy: RetryPolicy,
  findConflict?: () => Promise<Conflict | null>,
): Promise<T> {
  try {
    return await runTransaction(session, work, policy);
  } catch (error) {
    if (error instanceof TransactionRetriesExhausted) throw await verdictAfterRetries(findConflict);
    throw error;
  }
}
