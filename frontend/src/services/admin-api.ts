// Admin-only endpoints: accounts, integrator tokens and the audit log, through the one fetch
// client in api.ts.
import type { Account, AccountChanges, CreatedToken, NewAccount, NewToken, Token } from '@clinic/contract/access';
import type { AuditAction, AuditRecord, AuditVerification } from '@clinic/contract/audit';
import { list, request, type Paging } from './api';

export type { Account, AccountChanges, CreatedToken, NewAccount, NewToken, Token, TokenRole } from '@clinic/contract/access';
export { AUDIT_ACTIONS, type AuditAction, type AuditRecord } from '@clinic/contract/audit';
export type ChainCheck = AuditVerification;

export type AuditFilters = Paging & {
  actorId?: string;
  resourceType?: string;
  resourceId?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
};

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
