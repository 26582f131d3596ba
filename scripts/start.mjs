#!/usr/bin/env node
// `npm start`: builds whatever is missing or older than its sources, then runs the API, which
// also serves the SPA. A second start with nothing changed goes straight to the server.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const targets = [
  { workspace: 'backend', output: 'backend/dist/server.js', sources: ['backend/src', 'packages/contract/src', 'backend/package.json', 'backend/tsconfig.json'] },
  { workspace: 'frontend', output: 'frontend/dist/index.html', sources: ['frontend/src', 'packages/contract/src', 'frontend/public', 'frontend/index.html', 'frontend/vite.config.ts', 'frontend/package.json', 'frontend/tsconfig.json'] },
];

for (const { workspace, output, sources } of targets) {
  const built = newestMtime(join(root, output));
  const changed = Math.max(...sources.map((source) => newestMtime(join(root, source))));
  if (built >= changed) continue;
  console.log(`Building ${workspace} (${built ? 'sources changed' : 'no build yet'})...`);
  const result = spawnSync('npm', ['run', 'build', '-w', workspace], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const server = spawn(process.execPath, [join(root, 'backend/dist/server.js')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 1)));
