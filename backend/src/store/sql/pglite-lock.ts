import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const LOCK_FILE = 'clinic-api.lock';
const openHere = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(dataDir: string, holder: number | string) {
  return new Error(
    `PGlite data directory ${dataDir} is in use by process ${holder}; stop it, or set DATABASE_URL to another pglite:// directory`,
  );
}

/**
 * PGlite is an engine inside one process; two processes writing one directory silently lose
 * each other's writes. A pid file refuses the second, and is taken over when its owner is gone.
 */
export function lockDataDir(dataDir: string): () => void {
  const resolved = path.resolve(dataDir);
  const lockPath = path.join(resolved, LOCK_FILE);
  if (openHere.has(resolved)) throw inUse(resolved, `${process.pid} (this one)`);
  try {
    writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(readFileSync(lockPath, 'utf8').trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) throw inUse(resolved, holder);
    writeFileSync(lockPath, String(process.pid));
  }
  openHere.add(resolved);
  return () => {
    openHere.delete(resolved);
    rmSync(lockPath, { force: true });
  };
}
