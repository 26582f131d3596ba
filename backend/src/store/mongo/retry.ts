import { isTransientTransactionError, hasLabel } from './errors.js';

/** The part of a ClientSession the retry loop drives; small enough to drive with a fake in tests. */
export interface TransactionSession {
  startTransaction(options?: Record<string, unknown>): void;
  commitTransaction(): Promise<unknown>;
  abortTransaction(): Promise<unknown>;
  inTransaction(): boolean;
}

export type RetryPolicy = { maxAttempts: number; baseDelayMs: number; sleep?: (ms: number) => Promise<void> };

export class TransactionRetriesExhausted extends Error {
  constructor(
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(`transaction still conflicting after ${attempts} attempts`);
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` in a transaction, rerunning it from the top on a transient error (WriteConflict on
 * a lock document) and retrying a commit whose outcome is unknown, up to maxAttempts in all.
 * Unlike the driver's withTransaction (which retries for 120 s), this gives up quickly so a
 * contended slot answers in milliseconds.
 */
export async function runTransaction<T>(session: TransactionSession, work: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  const sleep = policy.sleep ?? defaultSleep;
  let lastError: unknown;
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt += 1) {
    session.startTransaction({ readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' } });
    try {
      const result = await work();
      await commitWithRetry(session, policy.maxAttempts);
      return result;
    } catch (error) {
      if (session.inTransaction()) await session.abortTransaction().catch(() => undefined);
      if (!isTransientTransactionError(error)) throw error;
      lastError = error;
      // Jitter spreads the losers out so they do not collide again on the next attempt.
      await sleep(policy.baseDelayMs * attempt * (0.5 + Math.random()));
    }
  }
  throw new TransactionRetriesExhausted(policy.maxAttempts, lastError);
}

async function commitWithRetry(session: TransactionSession, maxAttempts: number): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await session.commitTransaction();
      return;
    } catch (error) {
      if (attempt >= maxAttempts || !hasLabel(error, 'UnknownTransactionCommitResult')) throw error;
    }
  }
}
