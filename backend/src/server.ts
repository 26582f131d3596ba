import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type AppConfig } from './config/env.js';
import type { Logger } from './config/logger.js';
import { createHttpServer } from './runtime/http-server.js';
import { BootstrapError, ensureFirstAdmin } from './auth/bootstrap.js';
import { demoAccountsIn, type DemoAccount } from './seed/demo-access.js';
import { seedDemoData, type SeedSummary } from './seed/demo-data.js';
import { describeStore, describeTarget, openStore } from './store/open-store.js';
import type { WebhookService } from './services/webhooks.js';
import type { WaitlistService } from './services/waitlist.js';
import type { MessageService } from './services/messages.js';
import type { Store } from './store/store.js';

const frontendDir = fileURLToPath(new URL('../../frontend/dist', import.meta.url));
const SHUTDOWN_GRACE_MS = 10_000;
// Deliveries also start soon after any change the store hears of; this catches retries coming due.
const WEBHOOK_ROUND_MS = 1_000;
const WAITLIST_ROUND_MS = 1_000;

async function seedIfWanted(store: Store, config: AppConfig): Promise<SeedSummary | undefined> {
  // Demo data only where it cannot surprise anyone: a fresh embedded store, or when asked for.
  const wanted = config.seedDemo === 'true' || (config.seedDemo === 'auto' && store.kind === 'pglite');
  if (!wanted) return undefined;
  const summary = await seedDemoData(store, config.clinic, new Date(), { withAccess: config.nodeEnv !== 'production' });
  if (summary.skipped) return undefined;
  if (summary.access) printDemoAccess(summary.access, config.port);
  return summary;
}

/** Once, when they are made: the demo token's secret is never stored and cannot be shown again. */
function printDemoAccess(access: NonNullable<SeedSummary['access']>, port: number) {
  const lines = access.accounts.map((account) => `  ${account.role.padEnd(6)} ${account.email.padEnd(20)} ${account.password}`);
  process.stdout.write(
    `\nDemo sign-ins (demo only; change or disable them before real use):\n${lines.join('\n')}\n` +
      `Demo API token (staff): ${access.token}\n  curl -H "Authorization: Bearer ${access.token}" http://localhost:${port}/api/doctors\n\n`,
  );
}

async function prepareAccess(store: Store, config: AppConfig, logger: Logger) {
  await ensureFirstAdmin(store, config, logger);
  if (config.auth.mode === 'off') {
    logger.warn(`AUTH_MODE=off: every request is served as admin without credentials; listening on ${config.host} only`);
    return undefined;
  }
  return demoAccountsIn(store);
}

type Ready = { url: string; store: string; demo?: SeedSummary; demoAccounts?: DemoAccount[] };

/** The one line printed once the server answers: where, on which store, demo data and its sign-in. */
function announce(logger: Logger, { url, store, demo, demoAccounts }: Ready) {
  const loaded = demo
    ? `; demo clinic loaded (${demo.doctors} doctors, ${demo.patients} patients, ${demo.booked} booked appointments)`
    : '';
  const admin = demoAccounts?.find((account) => account.role === 'admin');
  const signIn = admin ? `; demo sign-in ${admin.email} / ${admin.password}` : '';
  logger.info(`clinic ready at ${url} (store: ${store})${loaded}${signIn}`);
}

function shutdownOn(server: Server, store: Store, logger: Logger, closeStreams: () => void) {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    const force = setTimeout(() => {
      logger.error('in-flight requests did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    server.close(async () => {
      await store.close().catch((error: unknown) => logger.error('closing the store failed', { error: String(error) }));
      clearTimeout(force);
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
    closeStreams();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function main() {
  const config = loadConfig();
  const target = describeTarget(config);
  // The store starts opening before the rest of the server loads: PGlite reads and compiles its
  // WebAssembly off the main thread, and loading Express, winston and the routes fills that time.
  const [store, { createLogger }, { createApp }, { runPrimary }] = await Promise.all([
    openStore(config),
    import('./config/logger.js'),
    import('./app.js'),
    import('./runtime/cluster.js'),
  ]);
  const logger = createLogger({ level: config.logLevel, json: config.nodeEnv === 'production' });
  const workers = config.webConcurrency;
  // PGlite is an engine inside this process: a second process could not open its directory.
  if (workers > 1 && target.engine === 'pglite') logger.warn('WEB_CONCURRENCY ignored: the embedded PGlite store runs in one process');
  if (cluster.isPrimary && workers > 1 && target.engine !== 'pglite') {
    // Migrations (and an asked-for seed) run once here, before any worker opens the store.
    const demo = await seedIfWanted(store, config);
    if (demo) logger.info('loaded demo data into the empty store', { doctors: demo.doctors, patients: demo.patients, booked: demo.booked });
    await ensureFirstAdmin(store, config, logger);
    await store.close();
    runPrimary(workers, logger, SHUTDOWN_GRACE_MS);
    return;
  }
  const demo = cluster.isPrimary ? await seedIfWanted(store, config) : undefined;
  const demoAccounts = await prepareAccess(store, config, logger);
  const idleBefore = () => new Date(Date.now() - config.auth.sessionIdleMinutes * 60_000);
  const purge = setInterval(
    () => {
      void store.idempotency.purgeExpired(new Date()).catch(() => undefined);
      void store.sessions.purgeExpired(idleBefore(), new Date()).catch(() => undefined);
    },
    60 * 60 * 1000,
  );
  purge.unref();
  const app = createApp({ store, config, logger, frontendDir: config.serveFrontend ? frontendDir : undefined, demoAccounts });
  const server = createHttpServer(app, config.httpTimeouts);
  // A port already taken or not ours to bind ends start-up with one clear line, not a stack trace.
  const cannotListen = (error: NodeJS.ErrnoException) => {
    logger.error(`cannot listen on port ${config.port}: ${error.code ?? error.message}`);
    void store.close().finally(() => process.exit(1));
  };
  server.once('error', cannotListen);
  server.listen(config.port, config.host, () => {
    server.off('error', cannotListen);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    announce(logger, { url: `http://localhost:${port}`, store: describeStore(target), demo, demoAccounts });
  });
  // Every process runs the worker: each delivery is claimed in the database by one of them.
  const stopWebhooks = (app.locals.webhooks as WebhookService).start(WEBHOOK_ROUND_MS);
  // So does the waitlist's: every offer is placed by whichever process moves its freed slot's round.
  const stopWaitlist = (app.locals.waitlist as WaitlistService).start(WAITLIST_ROUND_MS);
  // Emails likewise: with PGlite this one process is the only worker.
  const stopMessages = (app.locals.messages as MessageService).start(WEBHOOK_ROUND_MS);
  shutdownOn(server, store, logger, () => {
    (app.locals.closeStreams as () => void)();
    void stopWebhooks();
    void stopWaitlist();
    void stopMessages();
  });
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError || error instanceof BootstrapError
      ? error.message
      : `start-up failed: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
