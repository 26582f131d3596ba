/** Starts the built API as a child process on a free loopback port, and stops it as an operator would. */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, startApi } from '../../support/processes.js';

const backendDir = path.join(repoRoot, 'backend');
const entry = path.join(backendDir, 'dist', 'server.js');

export type RunningServer = { baseUrl: string; stop: () => Promise<number | null>; output: () => string };

function newestMtime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, item) => {
    const full = path.join(dir, item.name);
    return Math.max(latest, item.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }, 0);
}

/** Builds the backend only when its sources are newer than the build. */
export function ensureBuilt() {
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestMtime(path.join(backendDir, 'src'))) return;
  console.log('building the backend (sources changed since the last build)...');
  const result = spawnSync('npm', ['run', 'build', '-w', 'backend'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the backend build failed');
}

export async function startServer(databaseUrl: string, workers: number): Promise<RunningServer> {
  const api = await startApi({
    entry: 'build',
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      WEB_CONCURRENCY: String(workers),
      RATE_LIMIT_PER_MINUTE: '0',
      PATIENT_READS_PER_MINUTE: '0',
      SEED_DEMO: 'false',
      SERVE_FRONTEND: 'false',
      LOG_LEVEL: 'warn',
      CLINIC_TIMEZONE: 'UTC',
      CLINIC_START_HOUR: '9',
      CLINIC_END_HOUR: '17',
      DEFAULT_SLOT_MINUTES: '30',
      // Production refuses to start without an admin; the runs themselves use a staff token.
      ADMIN_EMAIL: 'bench-admin@example.test',
      ADMIN_PASSWORD: `bench-${randomBytes(12).toString('hex')}`,
    },
    readyWithinMs: 60_000,
    stopWithinMs: 15_000,
    keepChars: 4_000,
  });
  return { baseUrl: `${api.url}/api`, stop: api.stop, output: api.output };
}
