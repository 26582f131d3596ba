#!/usr/bin/env node
// `npm run build -w backend`: transpiles src/ file by file with esbuild into dist/ (the same layout
// tsc would write, so paths taken from import.meta.url still hold) and copies the files read at run
// time: the SQL migrations and the common-password list.
// It does not type-check: `npm run typecheck` does, in CI and in `npm test`.
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const backendDir = fileURLToPath(new URL('..', import.meta.url));
const src = join(backendDir, 'src');
const dist = join(backendDir, 'dist');
const contractSrc = join(backendDir, '../packages/contract/src');
// `node dist/server.js` has no TypeScript loader, and @clinic/contract is TypeScript source (which
// tsx, vitest and Vite read as it is), so it is compiled into dist/node_modules, where Node looks first.
const contractDist = join(dist, 'node_modules/@clinic/contract');

const typeScriptFiles = (dir) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(dir, file));

const transpile = (from, to) =>
  build({
    entryPoints: typeScriptFiles(from),
    outdir: to,
    outbase: from,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });

rmSync(dist, { recursive: true, force: true });
await Promise.all([transpile(src, dist), transpile(contractSrc, contractDist)]);
mkdirSync(contractDist, { recursive: true });
writeFileSync(
  join(contractDist, 'package.json'),
  `${JSON.stringify({ name: '@clinic/contract', type: 'module', exports: { './*': './*.js' } }, null, 2)}\n`,
);
cpSync(join(src, 'store/sql/migrations'), join(dist, 'store/sql/migrations'), { recursive: true });
cpSync(join(src, 'auth/common-passwords.txt'), join(dist, 'auth/common-passwords.txt'));
