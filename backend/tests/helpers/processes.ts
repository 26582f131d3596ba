import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const backendDir = fileURLToPath(new URL('../../', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export type ApiProcess = { url: string; child: ChildProcess; stop: () => Promise<number | null> };

/** Spawns the real server (src/server.ts through tsx) on `port`, without waiting for it. */
export function spawnApiProcess(port: number, env: Record<string, string>, stdout: 'ignore' | 'pipe' = 'ignore'): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: backendDir,
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      SERVE_FRONTEND: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
      // These tests drive processes, not sign-in: loopback-only local access is what AUTH_MODE=off is for.
      AUTH_MODE: 'off',
      ...env,
    },
    stdio: ['ignore', stdout, 'pipe'],
  });
}

/** Starts the real server as its own OS process and waits until it answers /health. */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawnApiProcess(port, env);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API process exited early: ${stderr}`);
    const ready = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      return { url, child, stop: () => (child.kill('SIGTERM'), exited) };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`API process did not become healthy in 30 s: ${stderr}`);
}
