import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { spawnApiProcess } from '../helpers/processes.js';

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
});
