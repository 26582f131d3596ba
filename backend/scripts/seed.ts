import { loadConfig } from '../src/config/env.js';
import { seedDemoData } from '../src/seed/demo-data.js';
import { describeTarget, openStore } from '../src/store/open-store.js';

/** `npm run seed [-- --reset]`: loads the demo clinic into the configured store. */
async function main() {
  const reset = process.argv.includes('--reset');
  const config = loadConfig();
  const store = await openStore(config);
  try {
    if (reset) await store.reset();
    const summary = await seedDemoData(store, config.clinic, new Date(), { withAccess: config.nodeEnv !== 'production' });
    const where = describeTarget(config).engine;
    process.stdout.write(
      summary.skipped
        ? `The ${where} store already has data; nothing seeded (run with --reset to wipe it first).\n`
        : `Seeded ${where}: ${summary.doctors} doctors, ${summary.patients} patients, ${summary.booked} booked and ${summary.cancelled} cancelled appointments.\n`,
    );
    if (summary.access) {
      const lines = summary.access.accounts.map((account) => `  ${account.role.padEnd(6)} ${account.email.padEnd(20)} ${account.password}`);
      process.stdout.write(
        `Demo sign-ins (demo only):\n${lines.join('\n')}\nDemo API token (staff, shown once): ${summary.access.token}\n`,
      );
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
