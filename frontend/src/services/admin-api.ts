// Admin-only endpoints: accounts, integrator tokens and the audit log, through the one fetch
// client in api.ts.
import { list, request, type Paging, type Role } from './api';

export type Account = {
  id: string;
  email: string;
  name: string;
  role: Role;
  doctorId: string | null;
  disabled: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
};
export type NewAccount = { email: string; name: string; role: Role; doctorId?: string; password: string };
export type AccountChanges = { name?: string; role?: Role; doctorId?: string | null; disabled?: boolean };

export type TokenRole = 'staff' | 'admin';
export type Token = {
  id: string;
  name: string;
  role: TokenRole;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};
export type NewToken = { name: string; role: TokenRole; expiresInDays?: number };
export type CreatedToken = Token & { secret: string };

export const AUDIT_ACTIONS = [
  'patient.read',
  'patient.list',
  'patient.create',
  'patient.update',
  'appointment.read',
  'appointment.list',
  'appointment.book',
  'appointment.cancel',
  'appointment.reschedule',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  'auth.totp_enabled',
  'account.create',
  'account.update',
  'token.create',
  'token.revoke',
  'access.denied',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditRecord = {
  id: string;
  seq: number;
  at: string;
  actorKind: 'account' | 'token' | 'local' | 'anonymous';
  actorId: string | null;
  actorLabel: string | null;
  action: AuditAction;
  resourceType: string;
  resourceId: string | null;
  outcome: 'success' | 'failure' | 'denied';
  correlationId: string | null;
  clientAddress: string | null;
  prevHash: string;
  hash: string;
};
export type AuditFilters = Paging & {
  actorId?: string;
  resourceType?: string;
  resourceId?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
};
export type ChainCheck = { ok: true; checked: number } | { ok: false; checked: number; brokenAt: number; reason: string };

export function listAccounts(paging: Paging = {}) {
  return list<Account>('/accounts', paging);
}

export async function createAccount(input: NewAccount): Promise<Account> {
  return (await request<Account>('/accounts', { method: 'POST', body: input })).data;
}

export async function updateAccount(id: string, changes: AccountChanges): Promise<Account> {
  return (await request<Account>(`/accounts/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes })).data;
}

export async function resetPassword(id: string, password: string): Promise<void> {
  await request<void>(`/accounts/${encodeURIComponent(id)}/password`, { method: 'POST', body: { password } });
}

export function listTokens(paging: Paging = {}) {
  return list<Token>('/tokens', paging);
}

export async function createToken(input: NewToken): Promise<CreatedToken> {
  return (await request<CreatedToken>('/tokens', { method: 'POST', body: input })).data;
}

export async function revokeToken(id: string): Promise<void> {
  await request<void>(`/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function listAudit(filters: AuditFilters = {}) {
  return list<AuditRecord>('/audit', filters);
}

export async function verifyAuditChain(): Promise<ChainCheck> {
  return (await request<ChainCheck>('/audit/verify')).data;
}
