import { defineConfig } from 'vitest/config';

// Browser measurements (npm run measure:grid): the e2e server and browser, but timings are
// printed, never asserted, so a slow or busy machine cannot fail a test run.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/measure/**/*.measure.ts'],
    globalSetup: ['./e2e/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
