/**
 * Failed sign-ins per key (an account's email, a client address). After FREE_FAILURES the key is
 * locked for a delay that doubles with each further failure, up to MAX_LOCK_MS; a success clears
 * it. Kept in this process's memory: with several API processes each counts on its own, so a
 * determined client gets up to that many times the attempts (still a handful a minute).
 */
export const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
// A key untouched this long is forgotten, so the map cannot grow without bound.
const FORGET_AFTER_MS = 60 * 60_000;
const MAX_KEYS = 100_000;

type Entry = { failures: number; lockedUntil: number; lastFailure: number };

export type LoginThrottle = ReturnType<typeof loginThrottle>;

export function loginThrottle(clock: () => Date) {
  const entries = new Map<string, Entry>();

  const sweep = (now: number) => {
    if (entries.size < MAX_KEYS) return;
    for (const [key, entry] of entries) if (now - entry.lastFailure > FORGET_AFTER_MS) entries.delete(key);
  };

  return {
    /** Seconds until the first of these keys may try again, or 0 when none is locked. */
    retryAfter(keys: string[]): number {
      const now = clock().getTime();
      const waits = keys.map((key) => (entries.get(key)?.lockedUntil ?? 0) - now);
      return Math.max(0, Math.ceil(Math.max(...waits) / 1000));
    },
    failed(keys: string[]): void {
      const now = clock().getTime();
      sweep(now);
      for (const key of keys) {
        const entry = entries.get(key);
        const failures = entry && now - entry.lastFailure < FORGET_AFTER_MS ? entry.failures + 1 : 1;
        const over = failures - FREE_FAILURES;
        const lockedUntil = over >= 0 ? now + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** over) : 0;
        entries.set(key, { failures, lockedUntil, lastFailure: now });
      }
    },
    succeeded(keys: string[]): void {
      for (const key of keys) entries.delete(key);
    },
  };
}
