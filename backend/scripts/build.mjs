#!/usr/bin/env node
// `npm run build -w backend`: transpiles src/ file by file with esbuild into dist/ (the same layout
// tsc would write, so paths taken from import.meta.url still hold) and copies the SQL migrations.
// It does not type-check: `npm run typecheck` does, in CI and in `npm test`.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const backendDir = fileURLToPath(new URL('..', import.meta.url));
const src = join(backendDir, 'src');
const dist = join(backendDir, 'dist');

const entryPoints = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
  .map((file) => join(src, file));

rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints,
  outdir: dist,
  outbase: src,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
cpSync(join(src, 'store/sql/migrations'), join(dist, 'store/sql/migrations'), { recursive: true });
