import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate, silentConfig } from '../helpers/factories.js';
import { apiClient, signInAs, testApp } from '../helpers/http.js';

let opened: OpenedStore;
let app: ReturnType<typeof testApp>;
let api: ReturnType<typeof apiClient>;
const offMode = { auth: { ...silentConfig.auth, mode: 'off' as const } };

beforeAll(async () => {
  opened = await openPgliteStore();
  app = testApp(opened.store);
  api = apiClient(app);
});
afterAll(() => opened?.cleanup());

async function bookedAppointment() {
  const [doctor, patient] = [await api.doctor(), await api.patient()];
  const booked = await api.http
    .post('/api/appointments')
    .send({ doctorId: doctor.id, patientId: patient.id, start: at(futureDate(6), '10:00') });
  return booked.body.data.id as string;
}

describe('cross-site requests (CSRF)', () => {
  it('refuses a form post from another site, x-www-form-urlencoded, with a valid session, and cancels nothing', async () => {
    const id = await bookedAppointment();
    const { cookie } = await signInAs(app, opened.store, 'staff');
    const attack = await request(app)
      .post(`/api/appointments/${id}/cancel`)
      .set('Cookie', cookie)
      .set('Origin', 'https://evil.example')
      .type('form')
      .send('reason=gotcha');
    expect([attack.status, attack.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await opened.store.appointments.get(id))?.status).toBe('BOOKED');
  });

  it('refuses it with AUTH_MODE=off too, and with only Sec-Fetch-Site: cross-site', async () => {
    const id = await bookedAppointment();
    const local = testApp(opened.store, { config: offMode });
    const byOrigin = await request(local).post(`/api/appointments/${id}/cancel`).set('Origin', 'http://evil.example').send({});
    const byFetchSite = await request(local).post(`/api/appointments/${id}/cancel`).set('Sec-Fetch-Site', 'cross-site').send({});
    const nullOrigin = await request(local).post(`/api/appointments/${id}/cancel`).set('Origin', 'null').send({});
    expect([byOrigin.status, byFetchSite.status, nullOrigin.status]).toEqual([403, 403, 403]);
    expect((await opened.store.appointments.get(id))?.status).toBe('BOOKED');
  });

  it('lets the same origin, the CORS_ORIGIN list and clients without Origin (curl, integrations) through', async () => {
    const sameOrigin = await api.http
      .post('/api/patients')
      .set('Host', 'clinic.example:3000')
      .set('Origin', 'http://clinic.example:3000')
      .set('Sec-Fetch-Site', 'same-origin')
      .send({ name: 'Same Origin', email: 'same.origin@example.org' });
    const listed = await api.http
      .post('/api/patients')
      .set('Origin', 'http://localhost:5173')
      .send({ name: 'Listed Origin', email: 'listed.origin@example.org' });
    expect([sameOrigin.status, listed.status]).toEqual([201, 201]);
    expect(listed.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(listed.headers['access-control-allow-credentials']).toBe('true');
    const foreignRead = await api.http.get('/api/doctors').set('Origin', 'https://evil.example');
    expect(foreignRead.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('AUTH_MODE=off', () => {
  it('serves every route as the local admin and says so on /api/auth/me and /api/config', async () => {
    const local = testApp(opened.store, { config: offMode });
    const me = await request(local).get('/api/auth/me');
    expect(me.body.data).toEqual({
      id: 'local',
      email: null,
      name: 'Local access (auth off)',
      role: 'admin',
      doctorId: null,
      totpEnabled: false,
    });
    expect((await request(local).get('/api/patients')).status).toBe(200);
    expect((await request(local).get('/api/config')).body.data.authMode).toBe('off');
  });
});

describe('headers', () => {
  it('marks every /api answer Cache-Control: no-store, errors included', async () => {
    expect((await api.http.get('/api/patients')).headers['cache-control']).toBe('no-store');
    expect((await request(app).get('/api/patients')).headers['cache-control']).toBe('no-store');
    expect((await request(app).get('/api/config')).headers['cache-control']).toBe('no-store');
  });

  it('sends the SPA a Content-Security-Policy without inline scripts, and its shell has none', async () => {
    const frontendDir = mkdtempSync(path.join(tmpdir(), 'clinic-spa-'));
    writeFileSync(path.join(frontendDir, 'index.html'), '<!doctype html><title>Clinic</title>');
    try {
      const page = await request(testApp(opened.store, { frontendDir })).get('/schedule');
      const policy = String(page.headers['content-security-policy']);
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    } finally {
      rmSync(frontendDir, { recursive: true, force: true });
    }
    const shell = readFileSync(new URL('../../../frontend/index.html', import.meta.url), 'utf8');
    expect(shell.match(/<script\b[^>]*>/g)?.every((tag) => /\bsrc=/.test(tag))).toBe(true);
    expect(shell).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('GET /metrics', () => {
  it('answers this machine without a token and hides the Node version', async () => {
    const metrics = await request(app).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('http_request_duration_seconds');
    expect(metrics.text).not.toContain('nodejs_version_info');
  });

  it('answers no one else without METRICS_TOKEN, and with it only its bearer', async () => {
    const proxied = testApp(opened.store, { config: { trustProxy: ['loopback'] } });
    expect((await request(proxied).get('/metrics').set('X-Forwarded-For', '203.0.113.9')).status).toBe(401);
    const guarded = testApp(opened.store, { config: { metricsToken: 'a-metrics-token-of-some-length' } });
    expect((await request(guarded).get('/metrics')).status).toBe(401);
    expect((await request(guarded).get('/metrics').set('Authorization', 'Bearer a-metrics-token-of-some-length')).status).toBe(200);
  });
});

describe('client addresses behind proxies', () => {
  it('ignores X-Forwarded-For unless the sender is a trusted proxy, so a client cannot dodge the rate limit', async () => {
    const direct = apiClient(testApp(opened.store, { config: { rateLimitPerMinute: 2 } }));
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await direct.http.get('/api/doctors').set('X-Forwarded-For', `198.51.100.${i}`)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const behindProxy = apiClient(testApp(opened.store, { config: { rateLimitPerMinute: 2, trustProxy: ['loopback'] } }));
    const separate = [];
    for (let i = 0; i < 3; i += 1)
      separate.push((await behindProxy.http.get('/api/doctors').set('X-Forwarded-For', `198.51.100.${i}`)).status);
    expect(separate).toEqual([200, 200, 200]);
  });
});

describe('patient reads', () => {
  it('answers at most 100 patients a page, and meta.limit says so', async () => {
    const response = await api.http.get('/api/patients?limit=500');
    expect([response.status, response.body.meta.limit]).toEqual([200, 100]);
  });

  it('are limited per account per minute, not per address', async () => {
    const limited = testApp(opened.store, { config: { patientReadsPerMinute: 2 } });
    const [first, second] = [await signInAs(limited, opened.store, 'staff'), await signInAs(limited, opened.store, 'staff')];
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await first.http.get('/api/patients')).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await second.http.get('/api/patients')).status).toBe(200);
    expect((await first.http.get('/api/doctors')).status).toBe(200);
  });
});

describe('accounts', () => {
  it('never answer with a password hash or TOTP secret, and refuse a doctor account without a doctor', async () => {
    const created = await api.http
      .post('/api/accounts')
      .send({ email: 'new.nurse@example.org', name: 'New Nurse', role: 'staff', password: 'a-good-long-passphrase' });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body.data).sort()).toEqual(
      ['_id', 'createdAt', 'disabled', 'doctorId', 'email', 'id', 'lastLoginAt', 'name', 'role', 'totpEnabled', 'updatedAt'].sort(),
    );
    const weak = await api.http
      .post('/api/accounts')
      .send({ email: 'weak@example.org', name: 'Weak', role: 'staff', password: 'qwerty123456' });
    expect([weak.status, weak.body.error.details[0].path]).toEqual([400, 'password']);
    const noDoctor = await api.http
      .post('/api/accounts')
      .send({ email: 'doc@example.org', name: 'Doc', role: 'doctor', password: 'a-good-long-passphrase' });
    expect([noDoctor.status, noDoctor.body.error.details[0].path]).toEqual([400, 'doctorId']);
    const again = await api.http
      .post('/api/accounts')
      .send({ email: 'NEW.nurse@example.org', name: 'Again', role: 'staff', password: 'a-good-long-passphrase' });
    expect([again.status, again.body.error.code]).toEqual([409, 'DUPLICATE']);
    const list = await api.http.get('/api/accounts');
    expect(JSON.stringify(list.body)).not.toMatch(/\$2[aby]\$|passwordHash|totpSecret/);
  });
});
