#!/usr/bin/env node
// `npm start`: builds whatever is missing or older than its sources, then runs the API, which
// also serves the SPA. The API is transpiled first (esbuild, well under a second); the SPA builds
// while the server opens its store, and the server serves it once it lands. Neither build
// type-checks: `npm run typecheck` does, in CI and in `npm test`. A second start with nothing
// changed goes straight to the server. `npm start -- --dry-run` only says what it would build.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

// The workspaces' own build scripts, run without npm's start-up on the way to the first answer.
const viteBin = () => join(dirname(createRequire(join(root, 'frontend/package.json')).resolve('vite/package.json')), 'bin/vite.js');
const targets = [
  {
    workspace: 'backend',
    output: 'backend/dist/server.js',
    sources: ['backend/src', 'packages/contract/src', 'backend/scripts/build.mjs', 'backend/package.json', 'backend/tsconfig.json'],
    command: () => [join(root, 'backend/scripts/build.mjs')],
  },
  {
    workspace: 'frontend',
    output: 'frontend/dist/index.html',
    sources: [
      'frontend/src',
      'packages/contract/src',
      'frontend/public',
      'frontend/index.html',
      'frontend/vite.config.ts',
      'frontend/package.json',
      'frontend/tsconfig.json',
    ],
    command: () => [viteBin(), 'build'],
  },
];

/** Why a workspace must be built before this start, or undefined when its build is current. */
function reasonToBuild({ output, sources }) {
  const built = newestMtime(join(root, output));
  const changed = Math.max(...sources.map((source) => newestMtime(join(root, source))));
  if (built >= changed) return undefined;
  return built ? 'sources changed' : 'no build yet';
}

const [backend, frontend] = targets.map((target) => ({ ...target, reason: reasonToBuild(target) }));

if (process.argv.includes('--dry-run')) {
  for (const { workspace, reason } of [backend, frontend]) console.log(`${workspace}: ${reason ? `build (${reason})` : 'up to date'}`);
  process.exit(0);
}

if (backend.reason) {
  console.log(`Building backend (${backend.reason})...`);
  const result = spawnSync(process.execPath, backend.command(), { cwd: join(root, 'backend'), stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const server = spawn(process.execPath, [join(root, 'backend/dist/server.js')], { cwd: root, stdio: 'inherit' });
let spa;
if (frontend.reason) {
  console.log(`Building frontend (${frontend.reason}) while the API starts...`);
  const started = Date.now();
  spa = spawn(process.execPath, frontend.command(), { cwd: join(root, 'frontend'), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => (output += chunk.toString());
  spa.stdout.on('data', keep);
  spa.stderr.on('data', keep);
  spa.on('exit', (code) => {
    spa = undefined;
    if (code === 0) return console.log(`Frontend built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.stderr.write(`${output}\nThe frontend build failed; stopping the API.\n`);
    process.exitCode = 1;
    server.kill('SIGTERM');
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => {
  spa?.kill('SIGTERM');
  process.exit(process.exitCode || (signal ? 0 : (code ?? 1)));
});
