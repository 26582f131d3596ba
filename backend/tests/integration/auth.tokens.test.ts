import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/auth/secrets.js';
import { isPostgresReachable, openPgliteStore, openPostgresStore, type OpenedStore } from '../helpers/engines.js';
import { apiClient, testApp, tokenClient } from '../helpers/http.js';

let opened: OpenedStore;
let now: Date;
let app: ReturnType<typeof testApp>;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  opened = await openPgliteStore();
  now = new Date();
  app = testApp(opened.store, { clock: () => now });
  api = apiClient(app);
});
afterAll(() => opened?.cleanup());

describe('integrator tokens', () => {
  it('shows the clk_ secret once, stores only its hash, and lists tokens without it', async () => {
    const created = await api.http.post('/api/tokens').send({ name: 'lab-results', role: 'staff', expiresInDays: 30 });
    expect(created.status).toBe(201);
    const { secret, id, expiresAt } = created.body.data;
    expect(secret).toMatch(/^clk_[\w-]{43}$/);
    expect(new Date(expiresAt).getTime() - now.getTime()).toBe(30 * 864e5);
    const stored = await opened.store.tokens.findByHash(sha256(secret));
    expect(stored?.id).toBe(id);
    const list = await api.http.get('/api/tokens');
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(JSON.stringify(list.body)).not.toContain(stored!.tokenHash);
    expect(list.body.data.find((token: { id: string }) => token.id === id)).toMatchObject({
      name: 'lab-results',
      role: 'staff',
      lastUsedAt: null,
    });
  });

  it('authenticates with the role it was given and records when it was last used', async () => {
    const { secret, id } = (await api.http.post('/api/tokens').send({ name: 'desk-sync', role: 'staff' })).body.data;
    const client = tokenClient(app, secret);
    expect((await client.get('/api/patients')).status).toBe(200);
    expect((await client.get('/api/accounts')).status).toBe(403);
    const me = await client.get('/api/auth/me');
    expect(me.body.data).toMatchObject({ id, role: 'staff', email: null });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await opened.store.tokens.findByHash(sha256(secret)))?.lastUsedAt).toEqual(now);
  });

  it('stops working at once when revoked, in the same process, despite the lookup cache', async () => {
    const { secret, id } = (await api.http.post('/api/tokens').send({ name: 'to-revoke', role: 'admin' })).body.data;
    const client = tokenClient(app, secret);
    expect((await client.get('/api/doctors')).status).toBe(200);
    expect((await api.http.delete(`/api/tokens/${id}`)).status).toBe(204);
    const after = await client.get('/api/doctors');
    expect([after.status, after.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await api.http.get('/api/tokens')).body.data.find((token: { id: string }) => token.id === id).revokedAt).not.toBeNull();
    expect((await api.http.delete('/api/tokens/507f1f77bcf86cd799439011')).status).toBe(404);
  });

  it('stops working when it expires', async () => {
    const { secret } = (await api.http.post('/api/tokens').send({ name: 'short-lived', role: 'staff', expiresInDays: 1 })).body.data;
    expect((await tokenClient(app, secret).get('/api/doctors')).status).toBe(200);
    now = new Date(now.getTime() + 864e5 + 1000);
    expect((await tokenClient(app, secret).get('/api/doctors')).status).toBe(401);
  });

  it('refuses a doctor role, an expiry over a year, and unknown fields', async () => {
    for (const body of [
      { name: 'x', role: 'doctor' },
      { name: 'x', role: 'staff', expiresInDays: 366 },
      { name: 'x', role: 'staff', secret: 'mine' },
    ]) {
      expect((await api.http.post('/api/tokens').send(body)).status).toBe(400);
    }
  });
});

const backendDir = fileURLToPath(new URL('../../', import.meta.url));

describe.runIf(await isPostgresReachable())('npm run token on PostgreSQL', () => {
  let postgres: OpenedStore;
  beforeAll(async () => {
    postgres = await openPostgresStore();
  });
  afterAll(() => postgres?.cleanup());

  it('creates a token in the configured store that the API then accepts', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/token.ts', '--name', 'cli-made', '--role', 'staff', '--days', '7'],
      {
        cwd: backendDir,
        env: { ...process.env, DATABASE_URL: postgres.url },
      },
    );
    const secret = stdout.trim();
    expect(secret).toMatch(/^clk_/);
    const response = await request(testApp(postgres.store)).get('/api/doctors').set('Authorization', `Bearer ${secret}`);
    expect(response.status).toBe(200);
  }, 60_000);
});
