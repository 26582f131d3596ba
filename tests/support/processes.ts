/**
 * The one harness for everything that runs the real API as its own OS process: the backend's
 * process tests (from the sources, through tsx), the browser e2e suite and the benchmark (from the
 * build). Each caller passes its own environment; this module finds a port, spawns, waits for
 * /health, keeps the tail of the output and stops the process as an operator would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const backendDir = join(repoRoot, 'backend');
const POLL_MS = 200;

/** `source` runs src/server.ts through tsx (no build needed); `build` runs dist/server.js. */
export type ApiEntry = 'source' | 'build';

export type ApiProcess = {
  /** http://127.0.0.1:<port>, without a path. */
  url: string;
  child: ChildProcess;
  /** The last lines the process wrote, stdout and stderr together. */
  output: () => string;
  /** SIGTERM, then SIGKILL if it has not exited in time; resolves with the exit code. */
  stop: () => Promise<number | null>;
};

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

/** Spawns the API on `port` without waiting for it; stderr is always piped, stdout on request. */
export function spawnApi(options: {
  entry: ApiEntry;
  port: number;
  env: Record<string, string>;
  stdout?: 'ignore' | 'pipe';
}): ChildProcess {
  const args = options.entry === 'source' ? ['--import', 'tsx', 'src/server.ts'] : ['dist/server.js'];
  return spawn(process.execPath, args, {
    cwd: backendDir,
    env: { ...process.env, ...options.env, PORT: String(options.port) },
    stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
  });
}

/** Resolves once `url`/health answers 2xx; rejects if the process exits first or time runs out. */
export async function waitForHealth(url: string, child: ChildProcess, output: () => string, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the API exited during start-up (${child.signalCode ?? child.exitCode}):\n${output()}`);
    }
    const healthy = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`the API did not answer /health within ${withinMs / 1000} s:\n${output()}`);
}

/** Starts the API on a free loopback port and waits until it answers /health. */
export async function startApi(options: {
  entry: ApiEntry;
  env: Record<string, string>;
  readyWithinMs: number;
  stopWithinMs?: number;
  /** How much of the output to keep: at LOG_LEVEL=warn a contended run logs a line per 409. */
  keepChars?: number;
}): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawnApi({ entry: options.entry, port, env: options.env });
  const keepChars = options.keepChars ?? 8_000;
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-keepChars);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => tail;
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, output, options.readyWithinMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
      const force = setTimeout(() => child.kill('SIGKILL'), options.stopWithinMs ?? 15_000);
      child.once('exit', (code) => {
        clearTimeout(force);
        resolve(code);
      });
      child.kill('SIGTERM');
    });
  return { url, child, output, stop };
}
