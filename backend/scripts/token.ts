import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/env.js';
import { tokenService } from '../src/services/tokens.js';
import { describeTarget, openStore } from '../src/store/open-store.js';

const USAGE = 'usage: npm run token -- --name NAME --role staff|admin [--days 1-365]';

/** `npm run token -- --name NAME --role staff [--days 90]`: an integrator token in the configured store. */
async function main() {
  const { values } = parseArgs({ options: { name: { type: 'string' }, role: { type: 'string' }, days: { type: 'string' } } });
  const name = values.name?.trim();
  const role = values.role;
  const days = values.days === undefined ? 90 : Number(values.days);
  if (!name || name.length > 100 || (role !== 'staff' && role !== 'admin') || !Number.isInteger(days) || days < 1 || days > 365) {
    throw new Error(USAGE);
  }
  const config = loadConfig();
  const store = await openStore(config);
  try {
    const { token, secret } = await tokenService(store, () => new Date()).create({ name, role, expiresInDays: days });
    process.stderr.write(
      `Created ${role} token "${name}" in the ${describeTarget(config).engine} store, expiring ${token.expiresAt.toISOString()}.\n` +
        'The secret below is shown once and stored only as a hash; send it as Authorization: Bearer <secret>.\n',
    );
    process.stdout.write(`${secret}\n`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
