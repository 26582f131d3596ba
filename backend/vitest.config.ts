import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // PGlite opens in ~5 s and concurrency tests fire hundreds of requests; give them room.
    testTimeout: 30_000,
    hookTimeout: 90_000,
    pool: 'forks',
    env: { LOG_LEVEL: 'silent' },
  },
});
