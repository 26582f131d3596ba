#!/usr/bin/env node
// `npm test`: the type-check and the build, then every suite in turn (backend, frontend components,
// browser e2e, Postman collection), then one closing line with the counts of all vitest suites together.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const reports = join(root, 'test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const json = (name) => ['--', '--reporter=default', '--reporter=json', `--outputFile=${join(reports, `${name}.json`)}`];
const steps = [
  { name: 'typecheck', args: ['run', 'typecheck'] },
  { name: 'build', args: ['run', 'build'] },
  { name: 'backend', args: ['test', '-w', 'backend', ...json('backend')] },
  { name: 'frontend', args: ['test', '-w', 'frontend', ...json('frontend')] },
  { name: 'e2e', args: ['run', 'test:e2e', '-w', 'frontend', ...json('e2e')], env: { E2E_SKIP_BUILD: '1' } },
  { name: 'postman', args: ['run', 'test:postman:run'] },
];

const failed = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}: npm ${step.args.join(' ')}`);
  const result = spawnSync('npm', step.args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...step.env } });
  if (result.status !== 0) failed.push(step.name);
  if (step.name === 'build' && failed.length) break;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const name of ['backend', 'frontend', 'e2e']) {
  const file = join(reports, `${name}.json`);
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}
if (failed.length) console.log(`\nfailed steps: ${failed.join(', ')}`);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failed.length || totals.failed ? 1 : 0);
