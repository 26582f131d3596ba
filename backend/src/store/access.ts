import type { Page, PageOf } from './store.js';

/** The access part of the storage port: accounts, their sessions, and integrator tokens. */

export type Role = 'admin' | 'staff' | 'doctor';
export type TokenRole = Exclude<Role, 'doctor'>;

export type Account = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The doctor record a `doctor` account reads; null for every other role. */
  doctorId: string | null;
  passwordHash: string;
  /** Base32 TOTP secret; set by setup, in force only once totpEnabled. */
  totpSecret: string | null;
  totpEnabled: boolean;
  disabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type NewAccount = Pick<Account, 'email' | 'name' | 'role' | 'doctorId' | 'passwordHash'>;
export type AccountChanges = Partial<
  Pick<Account, 'name' | 'role' | 'doctorId' | 'passwordHash' | 'totpSecret' | 'totpEnabled' | 'disabled' | 'lastLoginAt'>
>;

/** A sign-in; `id` is the SHA-256 of the cookie's secret, so a database leak holds no usable cookie. */
export type Session = { id: string; accountId: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date };

export type ApiToken = {
  id: string;
  name: string;
  role: TokenRole;
  /** SHA-256 of the secret; the secret itself is shown once and never stored. */
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export type NewApiToken = Pick<ApiToken, 'name' | 'role' | 'tokenHash' | 'expiresAt'>;

export interface AccountRepository {
  /** Throws DUPLICATE when the email (case-insensitive) is taken. */
  create(input: NewAccount): Promise<Account>;
  get(id: string): Promise<Account | null>;
  findByEmail(email: string): Promise<Account | null>;
  update(id: string, changes: AccountChanges): Promise<Account | null>;
  list(page: Page): Promise<PageOf<Account>>;
  countAdmins(): Promise<number>;
}

export interface SessionRepository {
  create(session: Session): Promise<void>;
  get(id: string): Promise<Session | null>;
  touch(id: string, at: Date): Promise<void>;
  delete(id: string): Promise<void>;
  /** Ends every session of the account but `keep` (the caller's own, after a password change). */
  deleteForAccount(accountId: string, keep?: string): Promise<number>;
  /** Deletes sessions idle since before `idleBefore` or past their absolute expiry. */
  purgeExpired(idleBefore: Date, now: Date): Promise<number>;
}

export interface TokenRepository {
  create(input: NewApiToken): Promise<ApiToken>;
  findByHash(tokenHash: string): Promise<ApiToken | null>;
  list(page: Page): Promise<PageOf<ApiToken>>;
  /** Sets revokedAt once; null when no such token. */
  revoke(id: string, at: Date): Promise<ApiToken | null>;
  markUsed(id: string, at: Date): Promise<void>;
}
