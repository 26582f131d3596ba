import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function buildAll(): void {
  for (const workspace of ['backend', 'frontend']) {
    process.stdout.write(`e2e: building ${workspace}…\n`);
    const result = spawnSync('npm', ['run', 'build', '-w', workspace], { cwd: repoRoot, encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`npm run build -w ${workspace} failed:\n${result.stdout}${result.stderr}`);
    }
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(baseURL: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited with code ${child.exitCode}:\n${output()}`);
    }
    const healthy = await fetch(`${baseURL}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not become healthy within 60 s:\n${output()}`);
}

/** The first admin of the suite's own server, made from ADMIN_EMAIL at start-up (production has no demo accounts). */
export const firstAdmin = { email: 'e2e-admin@clinic.test', password: 'E2e-first-admin-passphrase' };

/** Starts the real API (which also serves the built SPA) on a free port and an in-memory store. */
export async function startServer(): Promise<{ baseURL: string; stop: () => Promise<string> }> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['backend/dist/server.js'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: 'pglite://memory',
      CLINIC_TIMEZONE: 'Europe/London',
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: firstAdmin.email,
      ADMIN_PASSWORD: firstAdmin.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  await waitForHealth(baseURL, child, () => output);
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`e2e: the server died during the run (${signal ?? code}):\n${output}\n`);
    }
  });

  /** Stops the server and returns what it logged (LOG_LEVEL=warn: warnings and errors only). */
  const stop = () =>
    new Promise<string>((resolve) => {
      stopping = true;
      if (child.exitCode !== null) return resolve(output);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(output);
      });
      child.kill('SIGTERM');
    });
  return { baseURL, stop };
}
