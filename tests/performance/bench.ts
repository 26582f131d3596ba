/**
 * Benchmark: starts the API on a fresh database, loads it, measures raw INSERTs as the baseline,
 * then books, reads availability, fights over single slots and mixes reads and writes over HTTP.
 * Usage: npm run bench -- [--quick] [--store postgres|pglite] [--workers N] [--connections N] [--duration S]
 *        npm run bench -- --scale [--appointments N] [--keep] [--workers N] [--duration S]   (PostgreSQL: 100k vs 10M appointments)
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import {
  appointmentCount,
  bookedPerSlot,
  createTarget,
  createToken,
  load,
  openDatabase,
  overlapCount,
  postgresReachable,
  rawInsertRate,
} from './bench/database.js';
import { makePlan, preloadCount, type Store } from './bench/plan.js';
import { printTable, resultLine, rowOf, writeJson, type Row } from './bench/report.js';
import {
  availabilityLatencyRun,
  availabilityRun,
  bookRun,
  contentionRun,
  mixedRun,
  percentile,
  useToken,
  type Sample,
} from './bench/scenarios.js';
import { cacheLookups, shareBetween } from './bench/cache-share.js';
import { runScale } from './bench/scale.js';
import { ensureBuilt, startServer } from './bench/server.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    store: { type: 'string' },
    workers: { type: 'string' },
    connections: { type: 'string' },
    duration: { type: 'string' },
    scale: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    appointments: { type: 'string' },
  },
});

const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const numberArg = (value: string | undefined) => (value === undefined ? undefined : Number(value));
const failures = (sample: Sample, ok: string) =>
  Object.entries(sample.statuses)
    .filter(([status]) => status !== ok)
    .reduce((sum, [, n]) => sum + n, 0);

async function chooseStore(): Promise<Store> {
  if (args.store === 'postgres' || args.store === 'pglite') return args.store;
  if (args.store !== undefined) throw new Error(`--store must be postgres or pglite, not "${args.store}"`);
  if (await postgresReachable()) return 'postgres';
  log('PostgreSQL is not reachable on 127.0.0.1:5432; benchmarking the embedded PGlite store');
  return 'pglite';
}

const defaultWorkers = () => Number(process.env.WEB_CONCURRENCY ?? Math.max(1, availableParallelism() - 1));

async function scale() {
  if (args.store === 'pglite' || !(await postgresReachable())) {
    throw new Error('--scale runs on PostgreSQL only (set BENCH_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres)');
  }
  ensureBuilt();
  const workers = numberArg(args.workers) ?? defaultWorkers();
  const seconds = numberArg(args.duration) ?? 20;
  log(`scale: 100k then 10M appointments on PostgreSQL, workers=${workers}, ${seconds}s per figure`);
  const appointments = numberArg(args.appointments) ?? 10_000_000;
  process.exitCode = (await runScale({ workers, seconds, appointments, keep: args.keep, log })) ? 0 : 1;
}

async function main() {
  if (args.scale) return scale();
  const store = await chooseStore();
  // PGlite lives inside one process, so only one API process can open it. Elsewhere one core is
  // left to PostgreSQL and the load generator, which share this machine with the API: on two
  // cores a second worker measured slower, not faster (docs/performance.md).
  const workers = store === 'pglite' ? 1 : (numberArg(args.workers) ?? defaultWorkers());
  const plan = makePlan({
    quick: args.quick,
    store,
    workers,
    connections: numberArg(args.connections),
    durationSeconds: numberArg(args.duration),
  });
  log(`store=${store} quick=${plan.quick} workers=${workers} connections=${plan.connections} duration=${plan.durationSeconds}s`);
  ensureBuilt();
  const target = await createTarget(store);
  try {
    let db = await openDatabase(target, plan.connections);
    log(`loading ${plan.doctors} doctors and ${preloadCount(plan)} appointments...`);
    const loadStarted = performance.now();
    const fixtures = await load(db, plan);
    log(`loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)}s; measuring raw INSERTs for ${plan.durationSeconds}s`);
    const raw = await rawInsertRate(db, plan, fixtures, plan.durationSeconds);
    useToken(await createToken(db));
    // PGlite admits one process at a time. On PostgreSQL, the baseline's 20 idle connections
    // would otherwise time out together in the middle of a later run, and 20 backends exiting at
    // once stalled that run for hundreds of milliseconds.
    await db.close();

    const server = await startServer(target.url, workers);
    const origin = server.baseUrl.replace(/\/api$/, '');
    let exitCode: number | null = null;
    const runs: Record<string, Sample> = {};
    let contention: Awaited<ReturnType<typeof contentionRun>>;
    const fromMemory: Record<'availability' | 'availabilityLatency', string> = { availability: '', availabilityLatency: '' };
    try {
      // Long enough for V8 to optimise the request path and for the pool to open its connections.
      const warmUpSeconds = plan.quick ? 1 : 3;
      log(`API up at ${server.baseUrl}; warming up for ${warmUpSeconds}s`);
      await bookRun(origin, plan, fixtures, 'book', warmUpSeconds);
      log('book');
      runs.book = await bookRun(origin, plan, fixtures, 'book', plan.durationSeconds);
      log('availability');
      const cold = await cacheLookups(origin);
      runs.availability = await availabilityRun(origin, plan, fixtures);
      const warm = await cacheLookups(origin);
      log('availability latency at a quarter of that rate');
      runs.availabilityLatency = await availabilityLatencyRun(origin, plan, fixtures, runs.availability.perSecond);
      fromMemory.availability = shareBetween(cold, warm);
      fromMemory.availabilityLatency = shareBetween(warm, await cacheLookups(origin));
      log(`contention: ${plan.contentionSlots} slots x ${plan.contentionRequests} simultaneous requests`);
      contention = await contentionRun(origin, plan, fixtures);
      log('mixed');
      runs.mixed = await mixedRun(origin, plan, fixtures);
    } finally {
      exitCode = await server.stop();
    }

    db = await openDatabase(target, 1);
    const overlaps = await overlapCount(db);
    const perSlot = await bookedPerSlot(db, fixtures.contentionDoctor);
    const total = await appointmentCount(db);
    await db.close();

    const slotsOk = contention.slots.every(
      (slot) => slot.winners === 1 && slot.conflicts === plan.contentionRequests - 1 && perSlot.get(Date.parse(slot.start)) === 1,
    );
    const invariants = {
      contentionWinnersOk: slotsOk,
      overlappingRows: overlaps,
      bookFailures: failures(runs.book!, '201'),
      mixedFailures: Object.entries(runs.mixed!.statuses)
        .filter(([status]) => status !== '200' && status !== '201')
        .reduce((sum, [, n]) => sum + n, 0),
      serverExitCode: exitCode,
      appointmentsInTable: total,
    };
    const rows: Row[] = [
      {
        scenario: 'raw INSERT (baseline)',
        requests: raw.inserts,
        perSecond: raw.perSecond,
        note: `${plan.connections} concurrent, no HTTP, ${raw.errors} errors`,
      },
      rowOf('book', runs.book!, `${plan.doctors} doctors x 30 days, ${invariants.bookFailures} non-201`),
      rowOf(
        'availability',
        runs.availability!,
        `${preloadCount(plan)} appointments loaded, ${plan.connections} connections flat out, ${fromMemory.availability}`,
      ),
      rowOf(
        'availability at 1/4 load',
        runs.availabilityLatency!,
        `steady ${Math.round(runs.availabilityLatency!.perSecond)}/s: the p99 in RESULT, ${fromMemory.availabilityLatency}`,
      ),
      rowOf(
        'contention',
        { requests: contention.latencies.length, perSecond: NaN, latencies: contention.latencies },
        `${contention.slots.filter((s) => s.winners === 1).length}/${plan.contentionSlots} slots with one winner`,
      ),
      rowOf('mixed (90% read)', runs.mixed!, `${invariants.mixedFailures} failures`),
    ];
    console.log('');
    printTable(rows);
    console.log('');
    for (const slot of contention.slots.filter((s) => s.winners !== 1 || Object.keys(s.other).length > 0)) {
      console.log(`slot ${slot.start}: ${slot.winners} winners, ${slot.conflicts} conflicts, other ${JSON.stringify(slot.other)}`);
    }
    console.log(`invariants: ${JSON.stringify(invariants)}`);
    const summary = {
      bookVsRaw: runs.book!.perSecond / raw.perSecond,
      availabilityP99: percentile(runs.availabilityLatency!.latencies, 99),
      contentionP99: percentile(contention.latencies, 99),
      winnersOk: slotsOk,
    };
    log(`results written to ${writeJson(plan, rows, summary, invariants)}`);
    const broken = !slotsOk || overlaps !== 0 || invariants.bookFailures !== 0 || invariants.mixedFailures !== 0 || exitCode !== 0;
    if (broken) console.log('INVARIANTS BROKEN: see the lines above');
    console.log(resultLine(plan, summary));
    process.exitCode = broken ? 1 : 0;
  } finally {
    await target.drop().catch((error: unknown) => log(`could not drop the bench database: ${String(error)}`));
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
