import { isTransientTransactionError, hasLabel } from './errors.js';

/** The part of a ClientSession the retry loop drives; small enough to drive with a fake in tests. */
export interface TransactionSession {
  startTransaction(options?: Record<string, unknown>): void;
  commitTransaction(): Promise<unknown>;
  abortTransaction(): Promise<unknown>;
  inTransaction(): boolean;
}

export type RetryPolicy = {
  maxAttempts: number;
  baseDelayMs: number;
  /** Commits of one attempt, the first included, while the outcome stays unknown (default 2). */
  maxCommitAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
};

/**
 * How long one commit may take on the server, waiting for a majority included. Driver 7 ignores
 * `timeoutMS`, so without these a commit on a set that lost its majority waits for the driver's
 * 10 s default write-concern timeout, and again on each retry of an unknown outcome.
 */
export const COMMIT_TIMEOUT_MS = 2000;

export const TRANSACTION_OPTIONS = {
  readConcern: { level: 'snapshot' },
  writeConcern: { w: 'majority', wtimeoutMS: COMMIT_TIMEOUT_MS },
  maxCommitTimeMS: COMMIT_TIMEOUT_MS,
} as const;

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
 * a lock document) up to maxAttempts in all, and retrying a commit whose outcome is unknown.
 * Unlike the driver's withTransaction (which retries for 120 s), this gives up quickly so a
 * contended slot answers in milliseconds.
 */
export async function runTransaction<T>(session: TransactionSession, work: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  const sleep = policy.sleep ?? defaultSleep;
  let lastError: unknown;
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt += 1) {
    session.startTransaction(TRANSACTION_OPTIONS);
    try {
      const result = await work();
      await commitWithRetry(session, policy.maxCommitAttempts ?? 2);
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
