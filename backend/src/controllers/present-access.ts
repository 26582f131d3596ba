import type { Actor } from '../config/context.js';
import type { Account, ApiToken } from '../store/access.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

// Never the password hash or the TOTP secret: these shapes are all that leaves the server.
export const presentMe = (account: Account) => ({
  id: account.id,
  email: account.email,
  name: account.name,
  role: account.role,
  doctorId: account.doctorId,
  totpEnabled: account.totpEnabled,
});

/** Who a token or AUTH_MODE=off caller is, in the same shape as a signed-in account. */
export function presentCaller(actor: Actor) {
  if (actor.kind === 'local')
    return { id: 'local', email: null, name: 'Local access (auth off)', role: 'admin' as const, doctorId: null, totpEnabled: false };
  return {
    id: actor.id,
    email: null,
    name: `API token ${actor.label ?? ''}`.trim(),
    role: actor.role,
    doctorId: actor.doctorId,
    totpEnabled: false,
  };
}

export const presentAccount = (account: Account) => ({
  id: account.id,
  _id: account.id,
  email: account.email,
  name: account.name,
  role: account.role,
  doctorId: account.doctorId,
  disabled: account.disabled,
  totpEnabled: account.totpEnabled,
  lastLoginAt: iso(account.lastLoginAt),
  createdAt: account.createdAt.toISOString(),
  updatedAt: account.updatedAt.toISOString(),
});

export const presentToken = (token: ApiToken) => ({
  id: token.id,
  _id: token.id,
  name: token.name,
  role: token.role,
  createdAt: token.createdAt.toISOString(),
  expiresAt: token.expiresAt.toISOString(),
  lastUsedAt: iso(token.lastUsedAt),
  revokedAt: iso(token.revokedAt),
});
