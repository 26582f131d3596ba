import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BootstrapError, ensureFirstAdmin } from '../../src/auth/bootstrap.js';
import { createLogger } from '../../src/config/logger.js';
import { demoAccountsIn } from '../../src/seed/demo-access.js';
import { seedDemoData } from '../../src/seed/demo-data.js';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';
import { silentConfig } from '../helpers/factories.js';
import { signIn, testApp, tokenClient } from '../helpers/http.js';

const logger = createLogger({ level: 'silent', json: true });
const auth = silentConfig.auth;

describe('the demo clinic', () => {
  let opened: OpenedStore;
  let summary: Awaited<ReturnType<typeof seedDemoData>>;
  beforeAll(async () => {
    opened = await openPgliteStore();
    summary = await seedDemoData(opened.store, silentConfig.clinic);
  });
  afterAll(() => opened?.cleanup());

  it('comes with an admin, a receptionist, a doctor linked to the first doctor, and a staff token', async () => {
    expect(summary.access?.accounts.map((account) => [account.role, account.email])).toEqual([
      ['admin', 'admin@demo.clinic'],
      ['staff', 'desk@demo.clinic'],
      ['doctor', 'doctor@demo.clinic'],
    ]);
    const doctor = await opened.store.accounts.findByEmail('doctor@demo.clinic');
    const first = (await opened.store.doctors.list({ limit: 10, offset: 0 })).items.find((item) => item.id === doctor?.doctorId);
    expect(first?.name).toBe('Dr. Maria Alvarez');
    const app = testApp(opened.store);
    const patients = await tokenClient(app, summary.access!.token).get('/api/patients');
    expect([patients.status, patients.body.meta.total]).toEqual([200, 10]);
  });

  it('offers its sign-ins on /api/config while their demo passwords still work, and the doctor sees only their day', async () => {
    const demoAccounts = await demoAccountsIn(opened.store);
    expect(demoAccounts).toHaveLength(3);
    const app = testApp(opened.store, { demoAccounts });
    expect((await request(app).get('/api/config')).body.data.demoAccounts).toEqual(demoAccounts);
    const doctor = await signIn(app, 'doctor@demo.clinic', 'Demo-Doctor-Pass-2026');
    const list = await doctor.http.get('/api/appointments?limit=500');
    expect(list.body.data.length).toBeGreaterThan(0);
    expect(list.body.data.every((item: { doctorId: string }) => item.doctorId === doctor.me.doctorId)).toBe(true);

    const admin = await opened.store.accounts.findByEmail('admin@demo.clinic');
    await opened.store.accounts.update(admin!.id, { disabled: true });
    expect((await demoAccountsIn(opened.store)).map((account) => account.role)).toEqual(['staff', 'doctor']);
  });

  it('has no accounts when loaded for production', async () => {
    const other = await openPgliteStore();
    try {
      const loaded = await seedDemoData(other.store, silentConfig.clinic, new Date(), { withAccess: false });
      expect(loaded.access).toBeUndefined();
      expect((await other.store.accounts.list({ limit: 10, offset: 0 })).total).toBe(0);
    } finally {
      await other.cleanup();
    }
  });
});

describe('the first admin', () => {
  it('comes from ADMIN_EMAIL and ADMIN_PASSWORD while no admin exists, once', async () => {
    const opened = await openPgliteStore();
    try {
      const admin = { email: 'boss@clinic.example', password: 'the-first-admin-passphrase' };
      await ensureFirstAdmin(opened.store, { admin, nodeEnv: 'production', auth }, logger);
      await ensureFirstAdmin(opened.store, { admin, nodeEnv: 'production', auth }, logger);
      expect(await opened.store.accounts.countAdmins()).toBe(1);
      expect((await signIn(testApp(opened.store), admin.email, admin.password)).me.role).toBe('admin');
    } finally {
      await opened.cleanup();
    }
  });

  it('is required in production, and a weak ADMIN_PASSWORD stops start-up', async () => {
    const opened = await openPgliteStore();
    try {
      await expect(ensureFirstAdmin(opened.store, { admin: undefined, nodeEnv: 'production', auth }, logger)).rejects.toThrow(
        BootstrapError,
      );
      const weak = { email: 'boss@clinic.example', password: 'qwerty123456' };
      await expect(ensureFirstAdmin(opened.store, { admin: weak, nodeEnv: 'production', auth }, logger)).rejects.toThrow(/ADMIN_PASSWORD/);
      await expect(ensureFirstAdmin(opened.store, { admin: undefined, nodeEnv: 'development', auth }, logger)).resolves.toBeUndefined();
    } finally {
      await opened.cleanup();
    }
  });
});
