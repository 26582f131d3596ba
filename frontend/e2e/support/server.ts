import { spawnSync } from 'node:child_process';
import { repoRoot, startApi } from '../../../tests/support/processes';

export { repoRoot } from '../../../tests/support/processes';

export function buildAll(): void {
  for (const workspace of ['backend', 'frontend']) {
    process.stdout.write(`e2e: building ${workspace}…\n`);
    // The runner's NODE_ENV=test would build React's development bundle, which is not what ships.
    const env = { ...process.env, NODE_ENV: 'production' };
    const result = spawnSync('npm', ['run', 'build', '-w', workspace], { cwd: repoRoot, encoding: 'utf8', env });
    if (result.status !== 0) {
      throw new Error(`npm run build -w ${workspace} failed:\n${result.stdout}${result.stderr}`);
    }
  }
}

/** The first admin of the suite's own server, made from ADMIN_EMAIL at start-up (production has no demo accounts). */
export const firstAdmin = { email: 'e2e-admin@clinic.test', password: 'E2e-first-admin-passphrase' };

/**
 * Starts the real API (which also serves the built SPA) on a free port, on an in-memory store or
 * on the database given (a second process on it shares everything through PostgreSQL).
 */
export async function startServer(databaseUrl = 'pglite://memory'): Promise<{ baseURL: string; stop: () => Promise<string> }> {
  const api = await startApi({
    entry: 'build',
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      CLINIC_TIMEZONE: 'Europe/London',
      LOG_LEVEL: 'warn',
      // The suite's webhook receiver listens on loopback.
      WEBHOOK_ALLOW_PRIVATE: 'true',
      ADMIN_EMAIL: firstAdmin.email,
      ADMIN_PASSWORD: firstAdmin.password,
    },
    readyWithinMs: 60_000,
    stopWithinMs: 10_000,
  });
  let stopping = false;
  api.child.once('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`e2e: the server died during the run (${signal ?? code}):\n${api.output()}\n`);
    }
  });

  /** Stops the server and returns what it logged (LOG_LEVEL=warn: warnings and errors only). */
  const stop = async () => {
    stopping = true;
    await api.stop();
    return api.output();
  };
  return { baseURL: api.url, stop };
}
