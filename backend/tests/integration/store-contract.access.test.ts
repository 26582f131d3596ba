import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import type { Store } from '../../src/store/store.js';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { doctorInput, unique } from '../helpers/factories.js';

const engines = await availableEngines();

const accountInput = (overrides: Partial<{ email: string; role: 'admin' | 'staff' | 'doctor'; doctorId: string | null }> = {}) => ({
  email: `someone.${unique()}@example.org`,
  name: 'Some One',
  role: 'staff' as const,
  doctorId: null,
  passwordHash: '$2b$11$not-a-real-hash',
  ...overrides,
});

for (const engine of engines) {
  describe(`Store contract on ${engine.name}: accounts, sessions, tokens`, () => {
    let opened: OpenedStore;
    let store: Store;
    beforeAll(async () => {
      opened = await engine.open();
      store = opened.store;
    });
    afterAll(() => opened?.cleanup());

    it('creates an account, finds it by email whatever the case, and refuses the same email twice', async () => {
      const created = await store.accounts.create(accountInput({ email: 'Mixed.Case@Example.org' }));
      expect(created).toMatchObject({ role: 'staff', doctorId: null, totpEnabled: false, disabled: false, lastLoginAt: null });
      expect((await store.accounts.findByEmail('mixed.case@example.org'))?.id).toBe(created.id);
      const again = await store.accounts.create(accountInput({ email: 'MIXED.case@example.org' })).catch((error: unknown) => error);
      expect(again).toBeInstanceOf(AppError);
      expect((again as AppError).code).toBe('DUPLICATE');
    });

    it('links a doctor account to its doctor and updates only the fields given', async () => {
      const doctor = await store.doctors.create(doctorInput());
      const account = await store.accounts.create(accountInput({ role: 'doctor', doctorId: doctor.id }));
      expect(account.doctorId).toBe(doctor.id);
      const at = new Date('2026-03-02T10:00:00.000Z');
      const updated = await store.accounts.update(account.id, { disabled: true, lastLoginAt: at, totpSecret: 'JBSWY3DPEHPK3PXP' });
      expect(updated).toMatchObject({
        disabled: true,
        lastLoginAt: at,
        totpSecret: 'JBSWY3DPEHPK3PXP',
        name: 'Some One',
        doctorId: doctor.id,
      });
      expect((await store.accounts.update(account.id, { totpSecret: null }))?.totpSecret).toBeNull();
      expect(await store.accounts.update('507f1f77bcf86cd799439011', { disabled: true })).toBeNull();
    });

    it('counts admins and pages through accounts', async () => {
      const before = await store.accounts.countAdmins();
      await store.accounts.create(accountInput({ role: 'admin' }));
      expect(await store.accounts.countAdmins()).toBe(before + 1);
      const page = await store.accounts.list({ limit: 1, offset: 0 });
      expect(page.items).toHaveLength(1);
      expect(page.total).toBeGreaterThanOrEqual(3);
    });

    it('keeps sessions by hashed id, touches them, and ends all but one of an account', async () => {
      const account = await store.accounts.create(accountInput());
      const now = new Date('2026-03-02T10:00:00.000Z');
      const later = new Date('2026-03-02T22:00:00.000Z');
      for (const id of ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)]) {
        await store.sessions.create({
          id: `${id}-${engine.name}`,
          accountId: account.id,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: later,
        });
      }
      const touched = new Date('2026-03-02T10:05:00.000Z');
      await store.sessions.touch(`${'a'.repeat(64)}-${engine.name}`, touched);
      expect(await store.sessions.get(`${'a'.repeat(64)}-${engine.name}`)).toMatchObject({
        accountId: account.id,
        lastSeenAt: touched,
        expiresAt: later,
      });
      expect(await store.sessions.deleteForAccount(account.id, `${'a'.repeat(64)}-${engine.name}`)).toBe(2);
      expect(await store.sessions.get(`${'b'.repeat(64)}-${engine.name}`)).toBeNull();
      expect(await store.sessions.purgeExpired(new Date('2026-03-02T10:04:00.000Z'), touched)).toBe(0);
      expect(await store.sessions.purgeExpired(new Date('2026-03-02T10:06:00.000Z'), touched)).toBe(1);
      expect(await store.sessions.get(`${'a'.repeat(64)}-${engine.name}`)).toBeNull();
    });

    it('stores a token by hash, marks its use, and revokes it once', async () => {
      const expiresAt = new Date(Date.now() + 86_400_000);
      const token = await store.tokens.create({ name: 'lab', role: 'staff', tokenHash: `hash-${unique()}`, expiresAt });
      expect(token).toMatchObject({ name: 'lab', role: 'staff', expiresAt, lastUsedAt: null, revokedAt: null });
      const used = new Date();
      await store.tokens.markUsed(token.id, used);
      await store.tokens.markUsed(token.id, new Date(used.getTime() - 60_000));
      expect((await store.tokens.findByHash(token.tokenHash))?.lastUsedAt).toEqual(used);
      const first = new Date('2026-03-02T10:00:00.000Z');
      expect((await store.tokens.revoke(token.id, first))?.revokedAt).toEqual(first);
      expect((await store.tokens.revoke(token.id, new Date()))?.revokedAt).toEqual(first);
      expect(await store.tokens.revoke('507f1f77bcf86cd799439011', new Date())).toBeNull();
      expect(await store.tokens.findByHash('no-such-hash')).toBeNull();
      expect((await store.tokens.list({ limit: 10, offset: 0 })).items.map((item) => item.id)).toContain(token.id);
    });
  });
}
