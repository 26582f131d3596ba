/** Starts the built API as a child process on a free loopback port, and stops it as an operator would. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const backendDir = path.join(repoRoot, 'backend');
const entry = path.join(backendDir, 'dist', 'server.js');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export type RunningServer = { baseUrl: string; stop: () => Promise<number | null>; output: () => string };

function newestMtime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, item) => {
    const full = path.join(dir, item.name);
    return Math.max(latest, item.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }, 0);
}

/** Builds the backend only when its sources are newer than the build: a rebuild takes tens of seconds. */
export function ensureBuilt() {
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestMtime(path.join(backendDir, 'src'))) return;
  console.log('building the backend (sources changed since the last build)...');
  const result = spawnSync('npm', ['run', 'build', '-w', 'backend'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the backend build failed');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited during start-up:\n${output()}`);
    const healthy = await fetch(`${baseUrl.replace(/\/api$/, '')}/health`, { signal: AbortSignal.timeout(1000) })
      .then((response) => response.ok)
      .catch(() => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the API did not answer /health within ${START_TIMEOUT_MS / 1000}s:\n${output()}`);
}

export async function startServer(databaseUrl: string, workers: number): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [entry], {
    cwd: backendDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      WEB_CONCURRENCY: String(workers),
      RATE_LIMIT_PER_MINUTE: '0',
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
  });
  // Keep only the tail: at LOG_LEVEL=warn every 409 of the contention run logs a line.
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => tail;
  const baseUrl = `http://127.0.0.1:${port}/api`;
  try {
    await waitForHealth(baseUrl, child, output);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      child.once('exit', (code) => {
        clearTimeout(force);
        resolve(code);
      });
      child.kill('SIGTERM');
    });
  return { baseUrl, stop, output };
}
