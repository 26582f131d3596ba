// Endpoints of the signed-in user: sign-in, sign-out, own password and second factor. They go
// through the one fetch client in api.ts, so errors and the 401 hand-off behave the same.
import type { Credentials, Me, TotpSetup } from '@clinic/contract/access';
import { request } from './api';

export type { Credentials, Me, TotpSetup } from '@clinic/contract/access';

export async function signIn(credentials: Credentials): Promise<Me> {
  return (await request<Me>('/auth/login', { method: 'POST', body: credentials })).data;
}

export async function signOut(): Promise<void> {
  await request<void>('/auth/logout', { method: 'POST' });
}

export async function getMe(): Promise<Me> {
  return (await request<Me>('/auth/me')).data;
}

export async function changePassword(input: { currentPassword: string; newPassword: string }): Promise<void> {
  await request<void>('/auth/password', { method: 'POST', body: input });
}

export async function startTotpSetup(): Promise<TotpSetup> {
  return (await request<TotpSetup>('/auth/totp/setup', { method: 'POST' })).data;
}

export async function enableTotp(code: string): Promise<Me> {
  return (await request<Me>('/auth/totp/enable', { method: 'POST', body: { code } })).data;
}

export async function disableTotp(password: string): Promise<Me> {
  return (await request<Me>('/auth/totp/disable', { method: 'POST', body: { password } })).data;
}
