import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// In development Vite serves the SPA and forwards API calls, so the browser sees one origin
// exactly as it does when the backend serves the built files.
const apiTarget = process.env.API_PROXY_TARGET ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': apiTarget, '/health': apiTarget },
  },
  build: { outDir: 'dist', emptyOutDir: true },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
    // The whole-app tests type and wait a lot; under CPU contention 5 s is not enough for them.
    testTimeout: 15_000,
    // jsdom's set-up per file is most of the run; two files at a time use both of CI's cores.
    maxWorkers: 2,
  },
});
