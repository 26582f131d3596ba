// `node dist/server.js` has no TypeScript loader, and @clinic/contract is TypeScript source (which
// tsx, vitest and Vite read as it is). Compile it into dist/node_modules, where Node looks first.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const backend = fileURLToPath(new URL('..', import.meta.url));
const out = `${backend}dist/node_modules/@clinic/contract`;
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

execFileSync(process.execPath, [tsc, '-p', `${backend}../packages/contract/tsconfig.build.json`, '--outDir', out], { stdio: 'inherit' });
mkdirSync(out, { recursive: true });
writeFileSync(
  `${out}/package.json`,
  `${JSON.stringify({ name: '@clinic/contract', type: 'module', exports: { './*': './*.js' } }, null, 2)}\n`,
);
