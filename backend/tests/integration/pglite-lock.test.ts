import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';

describe('PGlite data directory lock', () => {
  it('refuses a second opener of one directory until the first closes, and takes over a dead owner’s lock', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'clinic-lock-'));
    const target = { databaseUrl: `pglite://${dir}`, dataDir: '' };
    const first = await openStore(target);
    expect(readFileSync(path.join(dir, 'clinic-api.lock'), 'utf8')).toBe(String(process.pid));
    await expect(openStore(target)).rejects.toThrow(/in use by process/);
    await first.close();
    writeFileSync(path.join(dir, 'clinic-api.lock'), '2147483646');
    const second = await openStore(target);
    await expect(second.ping()).resolves.toBeUndefined();
    await second.close();
  });
});
