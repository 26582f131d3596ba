import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { hashPassword, passwordProblems, verifyPassword } from '../auth/passwords.js';
import { newTotpSecret, totpMatches, totpSetup } from '../auth/totp.js';
import type { Account, Role } from '../store/access.js';
import type { Page, Store } from '../store/store.js';
import type { AuditTrail } from './audit.js';

export type NewAccountRequest = { email: string; name: string; role: Role; doctorId?: string | null; password: string };
export type AccountUpdate = { name?: string; role?: Role; doctorId?: string | null; disabled?: boolean };

function checkPassword(password: string, path = 'password') {
  const problems = passwordProblems(password, path);
  if (problems.length > 0) throw new ValidationError('Invalid request body', problems);
}

/** Accounts as admins manage them, and the second factor each person sets up for themself. */
export function accountService(store: Store, clock: () => Date, audit: AuditTrail) {
  const recorded = (action: 'account.create' | 'account.update' | 'auth.password_changed' | 'auth.totp_enabled', id: string) =>
    audit.record({ action, resourceType: 'account', resourceId: id, outcome: 'success' });

  /** A doctor account names an existing doctor; no other role names one. */
  const doctorLink = async (role: Role, doctorId: string | null | undefined) => {
    if (role !== 'doctor') {
      if (doctorId)
        throw new ValidationError('Invalid request body', [{ path: 'doctorId', message: 'only a doctor account links a doctor' }]);
      return null;
    }
    if (!doctorId) throw new ValidationError('Invalid request body', [{ path: 'doctorId', message: 'is required for the doctor role' }]);
    if (!(await store.doctors.get(doctorId))) throw new NotFoundError('Doctor not found');
    return doctorId;
  };

  const found = async (id: string) => {
    const account = await store.accounts.get(id);
    if (!account) throw new NotFoundError('Account not found');
    return account;
  };

  return {
    create: async (request: NewAccountRequest) => {
      checkPassword(request.password);
      const doctorId = await doctorLink(request.role, request.doctorId);
      const account = await store.accounts.create({
        email: request.email,
        name: request.name,
        role: request.role,
        doctorId,
        passwordHash: await hashPassword(request.password),
      });
      await recorded('account.create', account.id);
      return account;
    },
    list: (page: Page) => store.accounts.list(page),
    /** Disabling ends the account's sessions at once; a role change applies from its next request. */
    update: async (id: string, changes: AccountUpdate) => {
      const current = await found(id);
      const role = changes.role ?? current.role;
      const doctorId =
        changes.doctorId !== undefined || changes.role !== undefined
          ? await doctorLink(role, changes.doctorId ?? (role === 'doctor' ? current.doctorId : null))
          : current.doctorId;
      const updated = await store.accounts.update(id, { name: changes.name, role, doctorId, disabled: changes.disabled });
      if (!updated) throw new NotFoundError('Account not found');
      if (updated.disabled) await store.sessions.deleteForAccount(id);
      await recorded('account.update', id);
      return updated;
    },
    /** An admin's reset: every session of that account ends. */
    setPassword: async (id: string, password: string) => {
      checkPassword(password);
      await found(id);
      await store.accounts.update(id, { passwordHash: await hashPassword(password) });
      await store.sessions.deleteForAccount(id);
      await recorded('auth.password_changed', id);
    },
    totpSetup: async (account: Account | null) => {
      if (!account) throw new ForbiddenError('Only a signed-in account can set up a second factor');
      if (account.totpEnabled)
        throw new ValidationError('Two-factor sign-in is already on', [{ path: 'totp', message: 'disable it first' }]);
      const secret = newTotpSecret();
      await store.accounts.update(account.id, { totpSecret: secret });
      return totpSetup(secret, account.email);
    },
    totpEnable: async (account: Account | null, code: string) => {
      if (!account) throw new ForbiddenError('Only a signed-in account can set up a second factor');
      if (!account.totpSecret || !totpMatches(account.totpSecret, code, clock())) {
        throw new ValidationError('Invalid request body', [
          { path: 'code', message: 'does not match; set up again or wait for the next code' },
        ]);
      }
      const enabled = (await store.accounts.update(account.id, { totpEnabled: true }))!;
      await recorded('auth.totp_enabled', account.id);
      return enabled;
    },
    totpDisable: async (account: Account | null, password: string) => {
      if (!account) throw new ForbiddenError('Only a signed-in account has a second factor');
      if (!(await verifyPassword(account.passwordHash, password))) {
        throw new ValidationError('Invalid request body', [{ path: 'password', message: 'is not your current password' }]);
      }
      return (await store.accounts.update(account.id, { totpEnabled: false, totpSecret: null }))!;
    },
  };
}

export type AccountService = ReturnType<typeof accountService>;
