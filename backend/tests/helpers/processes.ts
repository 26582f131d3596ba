import type { ChildProcess } from 'node:child_process';
import { spawnApi, startApi, type ApiProcess } from '../../../tests/support/processes.js';

export { freePort, type ApiProcess } from '../../../tests/support/processes.js';

// An API of its own for one test: no demo data, no SPA, no rate limit, warnings and errors only.
// These tests drive processes, not sign-in: loopback-only local access is what AUTH_MODE=off is for.
const testEnv = { LOG_LEVEL: 'warn', SEED_DEMO: 'false', SERVE_FRONTEND: 'false', RATE_LIMIT_PER_MINUTE: '0', AUTH_MODE: 'off' };

/** Spawns the real server (src/server.ts through tsx) on `port`, without waiting for it. */
export function spawnApiProcess(port: number, env: Record<string, string>, stdout: 'ignore' | 'pipe' = 'ignore'): ChildProcess {
  return spawnApi({ entry: 'source', port, env: { ...testEnv, ...env }, stdout });
}

/** Starts the real server as its own OS process and waits until it answers /health. */
export function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  return startApi({ entry: 'source', env: { ...testEnv, ...env }, readyWithinMs: 60_000 });
}
