import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/store/ports/audit.js';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';
import { apiClient, makeAccount, signInAs, TEST_PASSWORD, testApp } from '../helpers/http.js';

let opened: OpenedStore;
let app: ReturnType<typeof testApp>;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  opened = await openPgliteStore();
  app = testApp(opened.store);
  api = apiClient(app);
});
afterAll(() => opened?.cleanup());

const tag = () => `t-${randomUUID()}`;

async function recordsOf(correlationId: string): Promise<AuditRecord[]> {
  const { items } = await opened.store.audit.list({ limit: 500, offset: 0 });
  return items.filter((record) => record.correlationId === correlationId);
}

describe('the audit records of sign-in events', () => {
  it('records a sign-in under the account that signed in, and a failed one without the email tried', async () => {
    const account = await makeAccount(opened.store, 'staff');
    const good = tag();
    const signedIn = await request(app)
      .post('/api/auth/login')
      .set('X-Correlation-ID', good)
      .send({ email: account.email, password: TEST_PASSWORD });
    expect(signedIn.status).toBe(200);
    expect(await recordsOf(good)).toEqual([
      expect.objectContaining({
        action: 'auth.login',
        actorKind: 'account',
        actorId: account.id,
        actorLabel: account.email,
        resourceType: 'account',
        resourceId: account.id,
        outcome: 'success',
      }),
    ]);

    const bad = tag();
    const refused = await request(app)
      .post('/api/auth/login')
      .set('X-Correlation-ID', bad)
      .send({ email: account.email, password: 'not-the-password-2026' });
    expect(refused.status).toBe(401);
    const [failed] = await recordsOf(bad);
    expect(failed).toMatchObject({
      action: 'auth.login_failed',
      actorKind: 'anonymous',
      actorId: null,
      resourceId: null,
      outcome: 'failure',
    });
    expect(JSON.stringify(failed)).not.toContain(account.email);
  });

  it('records sign-out and a password change under the account', async () => {
    const { http, account } = await signInAs(app, opened.store, 'staff');
    const changed = tag();
    const change = await http
      .post('/api/auth/password')
      .set('X-Correlation-ID', changed)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-passphrase-2026' });
    expect(change.status).toBe(204);
    expect(await recordsOf(changed)).toEqual([
      expect.objectContaining({ action: 'auth.password_changed', actorId: account.id, resourceId: account.id, outcome: 'success' }),
    ]);
    const out = tag();
    expect((await http.post('/api/auth/logout').set('X-Correlation-ID', out)).status).toBe(204);
    expect(await recordsOf(out)).toEqual([expect.objectContaining({ action: 'auth.logout', actorId: account.id, outcome: 'success' })]);
  });

  it('records accounts and tokens made, changed and revoked, under the admin who did it', async () => {
    const admin = await signInAs(app, opened.store, 'admin');
    const made = tag();
    const account = await admin.http
      .post('/api/accounts')
      .set('X-Correlation-ID', made)
      .send({ email: `new.${randomUUID()}@example.org`, name: 'New Desk', role: 'staff', password: 'another-long-passphrase-2026' });
    expect(account.status).toBe(201);
    const token = await admin.http.post('/api/tokens').set('X-Correlation-ID', made).send({ name: 'lab-sync', role: 'staff' });
    expect(token.status).toBe(201);
    const revoked = tag();
    expect((await admin.http.delete(`/api/tokens/${token.body.data.id}`).set('X-Correlation-ID', revoked)).status).toBe(204);
    const records = [...(await recordsOf(made)), ...(await recordsOf(revoked))];
    expect(
      records.map(({ action, resourceId, actorId }) => ({ action, resourceId, actorId })).sort((a, b) => a.action.localeCompare(b.action)),
    ).toEqual([
      { action: 'account.create', resourceId: account.body.data.id, actorId: admin.account.id },
      { action: 'token.create', resourceId: token.body.data.id, actorId: admin.account.id },
      { action: 'token.revoke', resourceId: token.body.data.id, actorId: admin.account.id },
    ]);
    expect(JSON.stringify(records)).not.toContain(token.body.data.secret);
  });

  it('records a 403 as access.denied, naming the route and the caller', async () => {
    const { http, account } = await signInAs(app, opened.store, 'staff');
    const correlationId = tag();
    expect((await http.get('/api/audit').set('X-Correlation-ID', correlationId)).status).toBe(403);
    expect(await recordsOf(correlationId)).toEqual([
      expect.objectContaining({
        action: 'access.denied',
        actorId: account.id,
        resourceType: 'route',
        resourceId: 'GET /api/audit',
        outcome: 'denied',
      }),
    ]);
    expect((await api.http.get('/api/audit/verify')).body.data).toMatchObject({ ok: true });
  });
});
