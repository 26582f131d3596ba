import { loadConfig } from '../src/config/env.js';
import { describeTarget, openStore } from '../src/store/open-store.js';

/** `npm run audit:verify`: checks the configured store's whole audit chain; exit 1 when it is broken. */
async function main() {
  const config = loadConfig();
  const store = await openStore(config);
  try {
    const where = describeTarget(config).engine;
    const verdict = await store.audit.verify();
    if (verdict.ok) {
      process.stdout.write(`Audit chain on ${where} intact: ${verdict.checked} records checked.\n`);
      return;
    }
    process.stdout.write(
      `Audit chain on ${where} BROKEN at record ${verdict.brokenAt}: ${verdict.reason} (${verdict.checked} records intact before it).\n`,
    );
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`audit:verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
