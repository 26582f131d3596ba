import request from 'supertest';
import type { Test } from 'supertest';
import { createApp, type AppDependencies } from '../../src/app.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { sha256 } from '../../src/auth/secrets.js';
import { createLogger } from '../../src/config/logger.js';
import type { Role } from '../../src/store/access.js';
import type { Store } from '../../src/store/store.js';
import { silentConfig, unique } from './factories.js';

type Overrides = Partial<Omit<AppDependencies, 'store' | 'config'>> & { config?: Partial<AppDependencies['config']> };
type App = ReturnType<typeof createApp>;

/** The admin token every apiClient sends unless told otherwise; its row is made in each store at set-up. */
export const TEST_ADMIN_TOKEN = 'clk_test-admin-token-for-integration-tests';
const adminTokenReady = new WeakMap<object, Promise<void>>();

function ensureAdminToken(store: Store): Promise<void> {
  let ready = adminTokenReady.get(store);
  if (!ready) {
    const tokenHash = sha256(TEST_ADMIN_TOKEN);
    ready = store.tokens
      .findByHash(tokenHash)
      .then(async (found) => {
        if (!found)
          await store.tokens.create({ name: 'test-admin', role: 'admin', tokenHash, expiresAt: new Date(Date.now() + 3650 * 864e5) });
      })
      // A store that is down (on purpose, in outage tests) answers the request itself with a 503.
      .catch(() => undefined);
    adminTokenReady.set(store, ready);
  }
  return ready;
}

/** The app with auth required, as production runs it; the store gets the test admin token. */
export function testApp(store: Store, overrides: Overrides = {}) {
  const { config, ...rest } = overrides;
  const app = createApp({ store, config: { ...silentConfig, ...config }, logger: createLogger({ level: 'silent', json: true }), ...rest });
  adminTokenReady.set(app, ensureAdminToken(store));
  return app;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;
type Client = Pick<ReturnType<typeof request>, (typeof METHODS)[number]>;

/**
 * request(app) with headers every request carries; each request first waits for `ready` (the
 * credential's row), so callers stay synchronous like plain supertest.
 */
export function withHeaders(app: App, headers: Record<string, string>, ready: Promise<unknown> = Promise.resolve()): Client {
  const client = request(app);
  const wrap = (test: Test) => {
    const end = test.end.bind(test);
    test.end = (callback) => {
      void ready.then(() => end(callback));
      return test;
    };
    return test.set(headers);
  };
  return Object.fromEntries(METHODS.map((method) => [method, (url: string) => wrap(client[method](url))])) as unknown as Client;
}

/** Small helpers that go through the API itself, as an integrator would, with the admin token. */
export function apiClient(app: App) {
  const tag = () => Math.random().toString(36).slice(2, 10);
  const http = withHeaders(app, { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, adminTokenReady.get(app));
  return {
    http,
    async doctor(body: Record<string, unknown> = {}) {
      const response = await http.post('/api/doctors').send({ name: `Dr. ${tag()}`, specialty: 'Cardiology', ...body });
      if (response.status !== 201) throw new Error(`doctor: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.data as { id: string; _id: string; name: string; slotMinutes: number };
    },
    async patient(body: Record<string, unknown> = {}) {
      const id = tag();
      const response = await http.post('/api/patients').send({ name: `Patient ${id}`, email: `p.${id}@example.org`, ...body });
      if (response.status !== 201) throw new Error(`patient: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.data as { id: string; name: string; email: string };
    },
  };
}

export const TEST_PASSWORD = 'a-long-test-password-2026';

/** An account made straight in the store (not through the API under test). */
export async function makeAccount(store: Store, role: Role, options: { doctorId?: string; password?: string } = {}) {
  return store.accounts.create({
    email: `${role}.${unique()}@example.org`,
    name: `Test ${role}`,
    role,
    doctorId: role === 'doctor' ? (options.doctorId ?? null) : null,
    passwordHash: await hashPassword(options.password ?? TEST_PASSWORD),
  });
}

/** Signs in through POST /api/auth/login; the returned client sends that session's cookie. */
export async function signIn(app: App, email: string, password = TEST_PASSWORD) {
  const response = await request(app).post('/api/auth/login').send({ email, password });
  if (response.status !== 200) throw new Error(`sign-in: ${response.status} ${JSON.stringify(response.body)}`);
  const cookie = String(response.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  return {
    http: withHeaders(app, { Cookie: cookie }),
    cookie,
    me: response.body.data as { id: string; role: Role; doctorId: string | null },
  };
}

/** A new account of that role, signed in. */
export async function signInAs(app: App, store: Store, role: Role, options: { doctorId?: string } = {}) {
  const account = await makeAccount(store, role, options);
  return { ...(await signIn(app, account.email)), account };
}

/** A client sending the given bearer token. */
export const tokenClient = (app: App, secret: string) => withHeaders(app, { Authorization: `Bearer ${secret}` });
