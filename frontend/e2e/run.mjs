// Entry point of `npm run test:e2e`: the suite needs Debian's Chromium, which a developer's
// machine may lack (skip, with one line) but CI must have (fail).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.env.CI === 'true') {
    console.error(`e2e failed: no chromium at ${chromium} (CI must run: apt-get install -y chromium)`);
    process.exit(1);
  }
  console.log(`e2e skipped: no chromium at ${chromium}`);
  process.exit(0);
}

const frontendDir = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const child = spawn(process.execPath, [vitest, 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  cwd: frontendDir,
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
