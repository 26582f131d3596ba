import type { AppConfig } from '../config/env.js';
import type { Logger } from '../config/logger.js';
import { hashPassword, passwordProblems } from './passwords.js';
import type { Store } from '../store/store.js';

export class BootstrapError extends Error {}

/**
 * The first admin comes from ADMIN_EMAIL / ADMIN_PASSWORD while no admin exists. In production a
 * server nobody can administer refuses to start; elsewhere it says once how to get in.
 */
export async function ensureFirstAdmin(store: Store, config: Pick<AppConfig, 'admin' | 'nodeEnv' | 'auth'>, logger: Logger) {
  if ((await store.accounts.countAdmins()) > 0) return;
  if (config.admin) {
    const problems = passwordProblems(config.admin.password, 'ADMIN_PASSWORD');
    if (problems.length > 0) throw new BootstrapError(`ADMIN_PASSWORD ${problems[0]!.message}`);
    const existing = await store.accounts.findByEmail(config.admin.email);
    const passwordHash = await hashPassword(config.admin.password);
    if (existing) await store.accounts.update(existing.id, { role: 'admin', doctorId: null, passwordHash, disabled: false });
    else await store.accounts.create({ email: config.admin.email, name: 'Administrator', role: 'admin', doctorId: null, passwordHash });
    logger.info('created the first admin account from ADMIN_EMAIL', { email: config.admin.email });
    return;
  }
  if (config.auth.mode === 'off') return;
  if (config.nodeEnv === 'production') {
    throw new BootstrapError('No admin account exists: set ADMIN_EMAIL and ADMIN_PASSWORD (at least 12 characters) for the first start');
  }
  logger.warn(
    'no admin account exists yet: set ADMIN_EMAIL and ADMIN_PASSWORD, or create an API token with `npm run token -- --name NAME --role admin`',
  );
}
