import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/auth/totp.js';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';
import { apiClient, makeAccount, signIn, testApp, TEST_PASSWORD } from '../helpers/http.js';

let opened: OpenedStore;
let now: Date;
let app: ReturnType<typeof testApp>;
let api: ReturnType<typeof apiClient>;
const clock = () => now;
const minutes = (n: number) => (now = new Date(now.getTime() + n * 60_000));
// Failed sign-ins lock this client address for the whole app: tests that fail on purpose get their own.
const fresh = () => testApp(opened.store, { clock });

beforeAll(async () => {
  opened = await openPgliteStore();
  now = new Date();
  app = testApp(opened.store, { clock });
  api = apiClient(app);
});
afterAll(() => opened?.cleanup());

describe('POST /api/auth/login', () => {
  it('starts a session in an HttpOnly, SameSite=Strict cookie and answers who signed in, never a hash', async () => {
    const account = await makeAccount(opened.store, 'staff');
    const response = await request(app).post('/api/auth/login').send({ email: account.email.toUpperCase(), password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({
      id: account.id,
      email: account.email,
      name: 'Test staff',
      role: 'staff',
      doctorId: null,
      totpEnabled: false,
    });
    const cookie = String(response.headers['set-cookie']?.[0]);
    expect(cookie).toMatch(/^clinic_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    const secret = cookie.split(';')[0]!.split('=')[1]!;
    expect(await opened.store.sessions.get(secret)).toBeNull();
    const me = await request(app).get('/api/auth/me').set('Cookie', cookie.split(';')[0]!);
    expect(me.body.data.id).toBe(account.id);
    expect(JSON.stringify(me.body)).not.toMatch(/\$2[aby]\$|passwordHash/);
  });

  it('marks the cookie Secure when a trusted proxy says the request came over https', async () => {
    const account = await makeAccount(opened.store, 'staff');
    const proxied = testApp(opened.store, { config: { trustProxy: ['loopback'] } });
    const response = await request(proxied)
      .post('/api/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ email: account.email, password: TEST_PASSWORD });
    expect(String(response.headers['set-cookie']?.[0])).toMatch(/Secure/);
  });

  it('gives an unknown email and a wrong password the same answer', async () => {
    const app = fresh();
    const account = await makeAccount(opened.store, 'staff');
    const unknown = await request(app).post('/api/auth/login').send({ email: 'nobody.here@example.org', password: 'whatever-password-1' });
    const wrong = await request(app).post('/api/auth/login').send({ email: account.email, password: 'whatever-password-1' });
    const shape = (response: request.Response) => [
      response.status,
      response.body.error.code,
      response.body.error.message,
      response.headers['set-cookie'],
    ];
    expect(shape(unknown)).toEqual([401, 'INVALID_CREDENTIALS', 'The email or password is wrong', undefined]);
    expect(shape(wrong)).toEqual(shape(unknown));
  });

  it('refuses a disabled account with the same answer, even with the right password', async () => {
    const app = fresh();
    const account = await makeAccount(opened.store, 'staff');
    await opened.store.accounts.update(account.id, { disabled: true });
    const response = await request(app).post('/api/auth/login').send({ email: account.email, password: TEST_PASSWORD });
    expect([response.status, response.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
  });

  it('answers 429 TOO_MANY_ATTEMPTS with Retry-After after 5 failures, then waits twice as long after the next', async () => {
    const app = fresh();
    const account = await makeAccount(opened.store, 'staff');
    const attempt = (password: string) => request(app).post('/api/auth/login').send({ email: account.email, password });
    for (let i = 0; i < 5; i += 1) expect((await attempt('wrong-password-123')).status).toBe(401);
    const locked = await attempt(TEST_PASSWORD);
    expect([locked.status, locked.body.error.code, locked.headers['retry-after']]).toEqual([429, 'TOO_MANY_ATTEMPTS', '30']);
    minutes(0.5);
    expect((await attempt('wrong-password-123')).status).toBe(401);
    expect((await attempt(TEST_PASSWORD)).headers['retry-after']).toBe('60');
    minutes(1);
    expect((await attempt(TEST_PASSWORD)).status).toBe(200);
  });

  it('throttles one client address guessing across many accounts', async () => {
    const throttled = fresh();
    for (let i = 0; i < 5; i += 1) {
      await request(throttled)
        .post('/api/auth/login')
        .send({ email: `guess.${i}@example.org`, password: 'wrong-password-123' });
    }
    const next = await request(throttled).post('/api/auth/login').send({ email: 'guess.6@example.org', password: 'wrong-password-123' });
    expect(next.status).toBe(429);
    expect(Number(next.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('sessions end', () => {
  it('after 30 idle minutes, but not while in use', async () => {
    const account = await makeAccount(opened.store, 'staff');
    const { http } = await signIn(app, account.email);
    minutes(20);
    expect((await http.get('/api/auth/me')).status).toBe(200);
    minutes(20);
    expect((await http.get('/api/auth/me')).status).toBe(200);
    minutes(31);
    const expired = await http.get('/api/auth/me');
    expect([expired.status, expired.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('after 12 hours whatever the activity', async () => {
    const account = await makeAccount(opened.store, 'staff');
    const { http } = await signIn(app, account.email);
    for (let i = 0; i < 24; i += 1) {
      minutes(29);
      await http.get('/api/auth/me');
    }
    minutes(29);
    expect((await http.get('/api/auth/me')).status).toBe(401);
  });

  it('on logout, which also clears the cookie', async () => {
    const account = await makeAccount(opened.store, 'staff');
    const { http } = await signIn(app, account.email);
    const out = await http.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers['set-cookie']?.[0]).toMatch(/^clinic_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await http.get('/api/auth/me')).status).toBe(401);
  });

  it('when an admin disables the account', async () => {
    const account = await makeAccount(opened.store, 'staff');
    const { http } = await signIn(app, account.email);
    const patch = await api.http.patch(`/api/accounts/${account.id}`).send({ disabled: true });
    expect([patch.status, patch.body.data.disabled]).toEqual([200, true]);
    expect((await http.get('/api/patients')).status).toBe(401);
  });

  it('elsewhere when the password changes, keeping the session that changed it', async () => {
    const account = await makeAccount(opened.store, 'staff');
    const [first, second] = [await signIn(app, account.email), await signIn(app, account.email)];
    const weak = await first.http.post('/api/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: '1qaz2wsx3edc' });
    expect([weak.status, weak.body.error.details[0].path]).toEqual([400, 'newPassword']);
    const short = await first.http.post('/api/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(short.body.error.details[0].message).toMatch(/at least 12/);
    const changed = await first.http
      .post('/api/auth/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-passphrase' });
    expect(changed.status).toBe(204);
    expect((await first.http.get('/api/auth/me')).status).toBe(200);
    expect((await second.http.get('/api/auth/me')).status).toBe(401);
    expect((await signIn(app, account.email, 'a-brand-new-passphrase')).me.id).toBe(account.id);
  });

  it('everywhere when an admin sets a new password', async () => {
    const account = await makeAccount(opened.store, 'staff');
    const { http } = await signIn(app, account.email);
    expect((await api.http.post(`/api/accounts/${account.id}/password`).send({ password: 'reset-by-the-admin-2026' })).status).toBe(204);
    expect((await http.get('/api/auth/me')).status).toBe(401);
  });
});

describe('two-factor sign-in (TOTP)', () => {
  it('is set up with an otpauth URI and a QR image, then required at sign-in', async () => {
    const app = fresh();
    const account = await makeAccount(opened.store, 'staff');
    const { http } = await signIn(app, account.email);
    const setup = await http.post('/api/auth/totp/setup');
    expect(setup.body.data.otpauthUri).toMatch(/^otpauth:\/\/totp\/.+secret=[A-Z2-7]+/);
    expect(setup.body.data.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const secret = new URL(setup.body.data.otpauthUri).searchParams.get('secret')!;
    expect((await http.post('/api/auth/totp/enable').send({ code: '000000' })).status).toBe(400);
    const enabled = await http.post('/api/auth/totp/enable').send({ code: totpCode(secret, now) });
    expect(enabled.body.data.totpEnabled).toBe(true);

    const login = (body: Record<string, string>) =>
      request(app)
        .post('/api/auth/login')
        .send({ email: account.email, password: TEST_PASSWORD, ...body });
    expect((await login({})).body.error.code).toBe('TOTP_REQUIRED');
    expect((await login({ totp: '123456' })).body.error.code).toBe('INVALID_CREDENTIALS');
    expect((await login({ totp: totpCode(secret, now) })).status).toBe(200);
    const accounts = await api.http.get('/api/accounts?limit=500');
    expect(JSON.stringify(accounts.body)).not.toContain(secret);
  });

  it('is demanded of admins when REQUIRE_ADMIN_TOTP is on: until enrolled they may only enrol', async () => {
    const strict = testApp(opened.store, {
      clock,
      config: { auth: { mode: 'required', sessionIdleMinutes: 30, sessionMaxHours: 12, requireAdminTotp: true } },
    });
    const admin = await makeAccount(opened.store, 'admin');
    const { http } = await signIn(strict, admin.email);
    expect((await http.get('/api/accounts')).status).toBe(403);
    const setup = await http.post('/api/auth/totp/setup');
    const secret = new URL(setup.body.data.otpauthUri).searchParams.get('secret')!;
    await http.post('/api/auth/totp/enable').send({ code: totpCode(secret, now) });
    expect((await http.get('/api/accounts')).status).toBe(200);
  });
});
