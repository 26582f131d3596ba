import { hashPassword, verifyPassword } from '../auth/passwords.js';
import type { Role } from '../store/access.js';
import type { Doctor, Store } from '../store/store.js';
import { tokenService } from '../services/tokens.js';

export type DemoAccount = { email: string; password: string; role: Role; name: string };

// Demo only: printed at start-up and shown on the sign-in page while the demo clinic is loaded.
const DEMO = [
  { email: 'admin@demo.clinic', password: 'Demo-Admin-Pass-2026', role: 'admin', name: 'Demo Admin' },
  { email: 'desk@demo.clinic', password: 'Demo-Desk-Pass-2026', role: 'staff', name: 'Front Desk' },
  { email: 'doctor@demo.clinic', password: 'Demo-Doctor-Pass-2026', role: 'doctor', name: '' },
] as const;

/** The demo clinic's accounts (the doctor linked to its first doctor) and a staff API token. */
export async function seedDemoAccess(store: Store, firstDoctor: Doctor) {
  const accounts: DemoAccount[] = [];
  for (const demo of DEMO) {
    const name = demo.role === 'doctor' ? firstDoctor.name : demo.name;
    const doctorId = demo.role === 'doctor' ? firstDoctor.id : null;
    await store.accounts.create({ email: demo.email, name, role: demo.role, doctorId, passwordHash: await hashPassword(demo.password) });
    accounts.push({ email: demo.email, password: demo.password, role: demo.role, name });
  }
  const { secret } = await tokenService(store, () => new Date()).create({ name: 'demo-token', role: 'staff' });
  return { accounts, token: secret };
}

/**
 * The demo accounts this store still has with their demo passwords: what the sign-in page may
 * offer. An operator who changed or disabled them makes them vanish from it.
 */
export async function demoAccountsIn(store: Store): Promise<DemoAccount[]> {
  const found: DemoAccount[] = [];
  for (const demo of DEMO) {
    const account = await store.accounts.findByEmail(demo.email);
    if (account && !account.disabled && (await verifyPassword(account.passwordHash, demo.password))) {
      found.push({ email: demo.email, password: demo.password, role: account.role, name: account.name });
    }
  }
  return found;
}
