import { defineConfig } from 'vitest/config';

// Files whose assertions time processes, outages or sockets: they run last, one at a time, so
// that no other file competes with them for the CPU.
const TIMED = [
  'tests/**/*.postgres.test.ts',
  'tests/integration/http-timeouts.test.ts',
  'tests/integration/http-server.test.ts',
  'tests/integration/server-start.test.ts',
  'tests/integration/start-script.test.ts',
  'tests/integration/pglite-lock.test.ts',
  'tests/integration/availability-freshness.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    // PGlite opens in ~5 s and concurrency tests fire hundreds of requests; give them room.
    testTimeout: 30_000,
    hookTimeout: 90_000,
    pool: 'forks',
    // Most files wait on PGlite, PostgreSQL or child processes more than on the CPU: two at a time
    // on CI's two cores take about two thirds of the time one at a time does.
    maxWorkers: 2,
    env: { LOG_LEVEL: 'silent' },
    projects: [
      { extends: true, test: { name: 'side-by-side', include: ['tests/**/*.test.ts'], exclude: TIMED, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'timed', include: TIMED, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
