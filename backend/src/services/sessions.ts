import { AuthenticationError, ForbiddenError, TooManyAttemptsError, ValidationError } from '../errors.js';
import { hashPassword, passwordProblems, verifyPassword } from '../auth/passwords.js';
import { newSessionSecret, sha256 } from '../auth/secrets.js';
import type { LoginThrottle } from '../auth/throttle.js';
import { totpMatches } from '../auth/totp.js';
import type { Account } from '../store/access.js';
import type { AuditTrail } from './audit.js';
import type { Store } from '../store/store.js';

export type SessionPolicy = { sessionIdleMinutes: number; sessionMaxHours: number };
export type LoginRequest = { email: string; password: string; totp?: string };

const MINUTE = 60_000;
// lastSeenAt moves at most this often, so a busy page costs one write a minute, not one a request.
const TOUCH_EVERY_MS = MINUTE;

const invalid = () => new AuthenticationError('INVALID_CREDENTIALS', 'The email or password is wrong');

/** Sign-in, the server-side sessions it starts, and what a signed-in person does with their own account. */
export function sessionService(store: Store, policy: SessionPolicy, throttle: LoginThrottle, clock: () => Date, audit: AuditTrail) {
  const idleMs = policy.sessionIdleMinutes * MINUTE;
  const maxMs = policy.sessionMaxHours * 60 * MINUTE;

  return {
    /** Same answer, after the same bcrypt work, whether the email is unknown or the password wrong. */
    login: async (request: LoginRequest, address: string | null) => {
      const keys = [`account:${request.email.trim().toLowerCase()}`, ...(address ? [`address:${address}`] : [])];
      const wait = throttle.retryAfter(keys);
      if (wait > 0) {
        await audit.record({ action: 'auth.login_failed', resourceType: 'account', outcome: 'denied' });
        throw new TooManyAttemptsError(wait);
      }
      // The attempted email is not recorded: people paste passwords into it by mistake.
      const failed = (account: Account | null) =>
        audit.record({ action: 'auth.login_failed', resourceType: 'account', resourceId: account?.id ?? null, outcome: 'failure' });
      const account = await store.accounts.findByEmail(request.email.trim());
      const passwordOk = await verifyPassword(account?.passwordHash ?? null, request.password);
      if (!account || !passwordOk || account.disabled) {
        throttle.failed(keys);
        await failed(account);
        throw invalid();
      }
      if (account.totpEnabled && account.totpSecret) {
        if (!request.totp) throw new AuthenticationError('TOTP_REQUIRED', 'Enter the code from your authenticator app');
        if (!totpMatches(account.totpSecret, request.totp, clock())) {
          throttle.failed(keys);
          await failed(account);
          throw invalid();
        }
      }
      // Only the account's count is cleared: one good password must not buy an address more guesses at others.
      throttle.succeeded(keys.slice(0, 1));
      const now = clock();
      const secret = newSessionSecret();
      await store.sessions.create({
        id: sha256(secret),
        accountId: account.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + maxMs),
      });
      const signedIn = (await store.accounts.update(account.id, { lastLoginAt: now })) ?? account;
      const actor = { kind: 'account', id: account.id, label: account.email, role: account.role, doctorId: account.doctorId } as const;
      await audit.record({ action: 'auth.login', resourceType: 'account', resourceId: account.id, outcome: 'success', actor });
      return { account: signedIn, secret, maxAgeMs: maxMs };
    },

    /** The account a session cookie names, or null once it is unknown, idle too long, too old, or its account disabled. */
    resolve: async (secret: string): Promise<{ account: Account; sessionId: string } | null> => {
      if (secret.length > 100) return null;
      const id = sha256(secret);
      const session = await store.sessions.get(id);
      if (!session) return null;
      const now = clock();
      if (now.getTime() - session.lastSeenAt.getTime() > idleMs || session.expiresAt <= now) {
        await store.sessions.delete(id);
        return null;
      }
      const account = await store.accounts.get(session.accountId);
      if (!account || account.disabled) {
        await store.sessions.delete(id);
        return null;
      }
      if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await store.sessions.touch(id, now);
      return { account, sessionId: id };
    },

    /** `account` is the one the cookie still named, if any: only a real sign-out is recorded. */
    logout: async (secret: string, account: Account | null) => {
      await store.sessions.delete(sha256(secret));
      if (account) await audit.record({ action: 'auth.logout', resourceType: 'account', resourceId: account.id, outcome: 'success' });
    },

    /** Ends the account's other sessions: whoever else knew the old password is signed out. */
    changePassword: async (account: Account | null, sessionId: string | null, current: string, next: string) => {
      if (!account) throw new ForbiddenError('Only a signed-in account has a password to change');
      if (!(await verifyPassword(account.passwordHash, current))) {
        throw new ValidationError('Invalid request body', [{ path: 'currentPassword', message: 'is not your current password' }]);
      }
      const problems = passwordProblems(next, 'newPassword');
      if (problems.length > 0) throw new ValidationError('Invalid request body', problems);
      await store.accounts.update(account.id, { passwordHash: await hashPassword(next) });
      await store.sessions.deleteForAccount(account.id, sessionId ?? undefined);
      await audit.record({ action: 'auth.password_changed', resourceType: 'account', resourceId: account.id, outcome: 'success' });
    },

    purgeExpired: () => {
      const now = clock();
      return store.sessions.purgeExpired(new Date(now.getTime() - idleMs), now);
    },
  };
}

export type SessionService = ReturnType<typeof sessionService>;
