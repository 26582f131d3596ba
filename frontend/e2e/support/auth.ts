import type { Browser, BrowserContext } from 'playwright-core';
import { newContext } from './browser';

export type Credentials = { email: string; password: string };
type DemoAccount = Credentials & { role: string; name: string };

/**
 * The admin to sign in as on a server the suite did not start (E2E_BASE_URL): E2E_ADMIN_EMAIL
 * and E2E_ADMIN_PASSWORD, or else the demo admin that server lists on its sign-in page.
 */
export async function adminCredentials(baseURL: string): Promise<Credentials> {
  const { E2E_ADMIN_EMAIL: email, E2E_ADMIN_PASSWORD: password } = process.env;
  if (email && password) return { email, password };
  const admin = (await demoAccounts(baseURL)).find((a) => a.role === 'admin');
  if (!admin) throw new Error('the server lists no demo admin: set E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD');
  return { email: admin.email, password: admin.password };
}

export async function demoAccounts(baseURL: string): Promise<DemoAccount[]> {
  const config = (await (await fetch(`${baseURL}/api/config`)).json()) as { data: { demoAccounts?: DemoAccount[] } };
  return config.data.demoAccounts ?? [];
}

/** An admin token for the suite's direct API calls, made through a real sign-in. */
export async function createApiToken(baseURL: string, admin: Credentials): Promise<string> {
  const login = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (!login.ok) throw new Error(`e2e: signing in as ${admin.email} failed with ${login.status}: ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const created = await fetch(`${baseURL}/api/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({ name: `e2e-${Date.now().toString(36)}`, role: 'admin', expiresInDays: 1 }),
  });
  if (!created.ok) throw new Error(`e2e: creating an API token failed with ${created.status}: ${await created.text()}`);
  const body = (await created.json()) as { data: { secret: string } };
  await fetch(`${baseURL}/api/auth/logout`, { method: 'POST', headers: { Cookie: cookie } });
  return body.data.secret;
}

/** A browser context signed in through the API; the session cookie lands in the context's jar. */
export async function signedInContext(browser: Browser, baseURL: string, account: Credentials, width?: number): Promise<BrowserContext> {
  const context = await newContext(browser, baseURL, width);
  const response = await context.request.post('/api/auth/login', { data: { email: account.email, password: account.password } });
  if (!response.ok()) throw new Error(`e2e: signing in as ${account.email} failed with ${response.status()}: ${await response.text()}`);
  return context;
}
