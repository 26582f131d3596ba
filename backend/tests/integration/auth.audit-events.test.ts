import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';
import { sha256 } from '../../src/auth/secrets.js';
import { apiClient, makeAccount, signIn, testApp, TEST_ADMIN_TOKEN, TEST_PASSWORD } from '../helpers/http.js';

let opened: OpenedStore;
let app: ReturnType<typeof testApp>;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  opened = await openPgliteStore();
  app = testApp(opened.store);
  api = apiClient(app);
});
afterAll(() => opened?.cleanup());

type Row = {
  action: string;
  actorKind: string;
  actorId: string | null;
  actorLabel: string | null;
  resourceId: string | null;
  outcome: string;
};
const records = async (query: string) => (await api.http.get(`/api/audit?${query}&limit=100`)).body.data as Row[];

describe('auth events in the audit trail', () => {
  it('records a sign-in as the account, a failed one without the email typed, and a sign-out', async () => {
    const account = await makeAccount(opened.store, 'staff');
    await request(testApp(opened.store)).post('/api/auth/login').send({ email: account.email, password: 'not-the-password-1' });
    const { http } = await signIn(app, account.email, TEST_PASSWORD);
    await http.post('/api/auth/logout');
    const mine = await records(`resourceId=${account.id}`);
    expect(mine.map((row) => [row.action, row.outcome, row.actorKind]).reverse()).toEqual([
      ['auth.login_failed', 'failure', 'anonymous'],
      ['auth.login', 'success', 'account'],
      ['auth.logout', 'success', 'account'],
    ]);
    expect(mine.find((row) => row.action === 'auth.login')).toMatchObject({ actorId: account.id, actorLabel: account.email });
    expect(JSON.stringify(mine)).not.toContain('not-the-password-1');
  });

  it('records access denied, password changes, accounts and tokens made and revoked, with the admin as actor', async () => {
    const staff = await makeAccount(opened.store, 'staff');
    const { http } = await signIn(app, staff.email);
    expect((await http.get('/api/accounts')).status).toBe(403);
    const denied = await records('action=access.denied');
    expect(denied[0]).toMatchObject({ actorId: staff.id, resourceId: 'GET /api/accounts', outcome: 'denied' });

    const created = await api.http
      .post('/api/accounts')
      .send({ email: `audited.${Date.now()}@example.org`, name: 'Audited', role: 'staff', password: 'an-audited-passphrase' });
    await api.http.post(`/api/accounts/${created.body.data.id}/password`).send({ password: 'another-audited-passphrase' });
    const token = await api.http.post('/api/tokens').send({ name: 'audited', role: 'staff' });
    await api.http.delete(`/api/tokens/${token.body.data.id}`);
    const admin = await opened.store.tokens.findByHash(sha256(TEST_ADMIN_TOKEN));
    const byAdmin = await records(`actorId=${admin!.id}`);
    const actions = byAdmin.map((row) => [row.action, row.resourceId]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['account.create', created.body.data.id],
        ['auth.password_changed', created.body.data.id],
        ['token.create', token.body.data.id],
        ['token.revoke', token.body.data.id],
      ]),
    );
  });
});
