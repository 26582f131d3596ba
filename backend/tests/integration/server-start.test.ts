import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { spawnApiProcess, startApiProcess } from '../helpers/processes.js';

describe('server start-up', () => {
  it('exits 1 with one clear line when its port is taken', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as AddressInfo).port;
    try {
      const child = spawnApiProcess(port, { DATABASE_URL: 'pglite://memory' }, 'pipe');
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(output).toContain(`cannot listen on port ${port}: EADDRINUSE`);
      expect(output).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  }, 60_000);

  it('prints one line with the URL, the store and the demo data once it serves', async () => {
    const api = await startApiProcess({ DATABASE_URL: 'pglite://memory', SEED_DEMO: 'true', LOG_LEVEL: 'info' });
    try {
      const port = new URL(api.url).port;
      await expect.poll(api.output).toContain('clinic ready');
      const lines = api
        .output()
        .split('\n')
        .filter((line) => line.includes('clinic ready'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(
        `clinic ready at http://localhost:${port} (store: PGlite in memory); demo clinic loaded (5 doctors, 10 patients, `,
      );
      expect(api.output()).not.toContain('loaded demo data');
    } finally {
      expect(await api.stop()).toBe(0);
    }
  }, 90_000);
});
