import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const startScript = fileURLToPath(new URL('../../../scripts/start.mjs', import.meta.url));
const T = 1_700_000_000;
const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A throwaway repository holding a copy of the start script and these files, each with its mtime (s). */
function repository(files: Record<string, number>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'clinic-start-'));
  roots.push(root);
  mkdirSync(path.join(root, 'scripts'));
  copyFileSync(startScript, path.join(root, 'scripts', 'start.mjs'));
  for (const [file, mtime] of Object.entries(files)) {
    const full = path.join(root, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, '');
    utimesSync(full, mtime, mtime);
  }
  return root;
}

/** What `npm start -- --dry-run` says it would build there. */
function plan(root: string): string[] {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '--dry-run'], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stdout.trim().split('\n');
}

const sources = { 'backend/src/server.ts': T, 'backend/src/store/sql/pg.ts': T, 'frontend/src/main.tsx': T, 'frontend/index.html': T };
const builds = { 'backend/dist/server.js': T + 10, 'frontend/dist/index.html': T + 10 };

describe('npm start decides what to build', () => {
  it('builds both workspaces on a fresh clone', () => {
    expect(plan(repository(sources))).toEqual(['backend: build (no build yet)', 'frontend: build (no build yet)']);
  });

  it('builds nothing when both builds are newer than every source', () => {
    expect(plan(repository({ ...sources, ...builds }))).toEqual(['backend: up to date', 'frontend: up to date']);
  });

  it('rebuilds only the SPA when one of its files changed, however deep', () => {
    const root = repository({ ...sources, ...builds, 'frontend/src/features/doctors/doctor-form.tsx': T + 20 });
    expect(plan(root)).toEqual(['backend: up to date', 'frontend: build (sources changed)']);
  });

  it('rebuilds only the API when its sources or its manifest changed', () => {
    expect(plan(repository({ ...sources, ...builds, 'backend/src/store/sql/pg.ts': T + 20 }))).toEqual([
      'backend: build (sources changed)',
      'frontend: up to date',
    ]);
    expect(plan(repository({ ...sources, ...builds, 'backend/package.json': T + 20 }))).toEqual([
      'backend: build (sources changed)',
      'frontend: up to date',
    ]);
  });
});
