// `npm run test:failover`: a pg_auto_failover formation (monitor, primary, synchronous standby) on
// local ports, two API processes on its multi-host URL, bookings and cancels for 60 s, and the
// primary's whole node SIGKILLed in the middle. Prints the figures; exits 1 if any check misses.
import pg from 'pg';
import { startApiProcess, type ApiProcess } from '../tests/helpers/processes.js';
import { createCluster, waitFor, type Cluster } from './failover/cluster.js';
import { driveLoad, percentile, type Sample } from './failover/load.js';

const LOAD_MS = 60_000;
const KILL_AT_MS = 20_000;
const WORKERS = 8;
const REQUEST_TIMEOUT_MS = 10_000;
const WRITES_BACK_WITHIN_MS = 30_000;
const REJOIN_WITHIN_MS = 120_000;

const log = (line: string) => process.stdout.write(`failover: ${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function query<Row extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.query<Row>(text, params)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const isWritable = async (url: string) =>
  (await query<{ r: string }>(url, "SELECT current_setting('transaction_read_only') AS r"))[0]?.r === 'off';

async function post(api: string, path: string, body: unknown) {
  const response = await fetch(`${api}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data: { id: string } };
  if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json.data.id;
}

/** Reads through DATABASE_READ_URL reach the standby: a booking shows up in a list, served by its connections. */
async function checkReplicaReads(cluster: Cluster, api: string, doctorId: string, patientId: string, day: string) {
  const standby = cluster.nodes[1]!;
  const booked = Date.now();
  const id = await post(api, '/api/appointments', { doctorId, patientId, start: `${day}T16:30:00.000Z`, reason: 'replica check' });
  const visibleAfter = await waitFor('the booking in a list', 10_000, async () => {
    const response = await fetch(`${api}/api/appointments?doctorId=${doctorId}&date=${day}`);
    const body = (await response.json()) as { data: Array<{ id: string }> };
    return body.data.some((item) => item.id === id);
  }).then(() => Date.now() - booked);
  const readers = await query<{ n: number }>(
    standby.url,
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'clinic' AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
  );
  const lag = await query<{ lag: string | null }>(cluster.nodes[0]!.url, 'SELECT max(replay_lag)::text AS lag FROM pg_stat_replication');
  return { visibleAfter, standbyConnections: readers[0]?.n ?? 0, replayLag: lag[0]?.lag ?? 'none' };
}

async function main() {
  const started = Date.now();
  log('building the formation (monitor + 2 nodes)');
  const cluster = await createCluster(log);
  const apis: ApiProcess[] = [];
  const stop = async () => {
    await Promise.all(apis.map((api) => api.stop()));
    await cluster.destroy();
  };
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
  try {
    log(`formation ready after ${seconds(Date.now() - started)}: ${cluster.multiHostUrl}`);
    const [primary, standby] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0]];
    const env = { DATABASE_URL: cluster.multiHostUrl, DATABASE_READ_URL: standby.url, LOG_LEVEL: 'error' };
    apis.push(...(await Promise.all([startApiProcess(env), startApiProcess(env)])));
    const urls = apis.map((api) => api.url);
    const stderr = apis.map(() => '');
    apis.forEach((api, index) =>
      api.child.stderr?.on('data', (chunk: Buffer) => (stderr[index] = (stderr[index] + chunk.toString()).slice(-4000))),
    );

    const doctorIds: string[] = [];
    const patientIds: string[] = [];
    for (let i = 0; i < 5; i += 1)
      doctorIds.push(await post(urls[0]!, '/api/doctors', { name: `Dr. Drill ${i}`, specialty: 'Cardiology' }));
    for (let i = 0; i < 40; i += 1) {
      patientIds.push(await post(urls[0]!, '/api/patients', { name: `Drill Patient ${i}`, email: `drill.${i}.${Date.now()}@example.org` }));
    }
    const days = Array.from({ length: 10 }, (_, i) => new Date(Date.now() + (i + 2) * 86_400_000).toISOString().slice(0, 10));
    const replica = await checkReplicaReads(cluster, urls[1]!, doctorIds[0]!, patientIds[0]!, days[0]!);
    log(
      `replica reads: booking listed after ${replica.visibleAfter} ms; ${replica.standbyConnections} API connection(s) on the standby; replay lag ${replica.replayLag}`,
    );

    let killedAt = 0;
    let standbyWritableAt = 0;
    const killer = setTimeout(() => {
      killedAt = performance.now();
      cluster.kill(primary.name);
      log(`SIGKILL to ${primary.name} (keeper and postgres) at ${seconds(KILL_AT_MS)}`);
      void waitFor('the standby to take writes', 60_000, () => isWritable(standby.url)).then(
        () => (standbyWritableAt = performance.now()),
        () => undefined,
      );
    }, KILL_AT_MS);
    const loadStart = performance.now();
    const samples = await driveLoad({
      apis: urls,
      doctorIds,
      patientIds,
      days,
      durationMs: LOAD_MS,
      workers: WORKERS,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    clearTimeout(killer);
    const killAt = killedAt - loadStart;
    const crashed = apis.filter((api) => api.child.exitCode !== null).length;
    apis.forEach(
      (api, index) => api.child.exitCode !== null && log(`API process ${index + 1} exited with ${api.child.exitCode}: ${stderr[index]}`),
    );
    log(`after the load: ${(await cluster.states()).map((node) => `${node.name} ${node.reported} (goal ${node.goal})`).join(', ')}`);

    log(`restarting ${primary.name}; it should rejoin as a standby`);
    const restartedAt = Date.now();
    cluster.restart(primary);
    const rejoined = await waitFor(
      `${primary.name} as secondary`,
      REJOIN_WITHIN_MS,
      async () => (await cluster.stateOf(primary.name))?.reported === 'secondary',
    )
      .then(() => Date.now() - restartedAt)
      .catch(() => -1);
    return await verify({
      cluster,
      samples,
      crashed,
      standbyReaders: replica.standbyConnections,
      killAt,
      standbyWritableAfter: standbyWritableAt ? standbyWritableAt - killedAt : -1,
      rejoined,
    });
  } finally {
    await stop();
  }
}

type Outcome = {
  cluster: Cluster;
  samples: Sample[];
  crashed: number;
  standbyReaders: number;
  killAt: number;
  standbyWritableAfter: number;
  rejoined: number;
};

async function verify({ cluster, samples, crashed, standbyReaders, killAt, standbyWritableAfter, rejoined }: Outcome): Promise<boolean> {
  const writable = (await Promise.all(cluster.nodes.map((node) => isWritable(node.url).catch(() => false)))).indexOf(true);
  const primaryUrl = cluster.nodes[writable]?.url;
  if (!primaryUrl) throw new Error('no writable node after the drill');
  const booked = samples.filter((sample) => sample.kind === 'book' && sample.status === 201).map((sample) => sample.id!);
  const cancelled = samples.filter((sample) => sample.kind === 'cancel' && sample.status === 200).map((sample) => sample.id!);
  const rows = await query<{ id: string; status: string }>(
    primaryUrl,
    'SELECT id::text, status FROM appointments WHERE id = ANY($1::uuid[])',
    [booked],
  );
  const found = new Map(rows.map((row) => [row.id, row.status]));
  const missing = booked.filter((id) => !found.has(id));
  const notCancelled = cancelled.filter((id) => found.get(id) !== 'CANCELLED');
  const [overlaps] = await query<{ n: number }>(
    primaryUrl,
    `SELECT count(*)::int AS n FROM appointments a JOIN appointments b ON a.id < b.id
     WHERE a.status = 'BOOKED' AND b.status = 'BOOKED' AND (a.doctor_id = b.doctor_id OR a.patient_id = b.patient_id)
       AND tstzrange(a.start_at, a.end_at, '[)') && tstzrange(b.start_at, b.end_at, '[)')`,
  );

  const writesAfterKill = samples.filter((sample) => sample.at > killAt && (sample.status === 201 || sample.status === 200));
  const writesBack = writesAfterKill.length > 0 ? Math.min(...writesAfterKill.map((sample) => sample.at + sample.ms)) - killAt : -1;
  const unavailable = samples.filter((sample) => sample.status === 503);
  const unexpected = samples.filter((sample) => ![200, 201, 409, 503].includes(sample.status));
  const slowest = Math.max(...samples.map((sample) => sample.ms));
  const byStatus = new Map<number, number>();
  for (const sample of samples) byStatus.set(sample.status, (byStatus.get(sample.status) ?? 0) + 1);

  log(`requests: ${samples.length} (${[...byStatus].map(([status, n]) => `${status || 'no answer'}: ${n}`).join(', ')})`);
  log(
    `latency: p50 ${percentile(
      samples.map((s) => s.ms),
      50,
    ).toFixed(0)} ms, p99 ${percentile(
      samples.map((s) => s.ms),
      99,
    ).toFixed(0)} ms, max ${slowest.toFixed(0)} ms (client timeout ${REQUEST_TIMEOUT_MS} ms)`,
  );
  if (unavailable.length > 0) {
    const first = Math.min(...unavailable.map((s) => s.at)) - killAt;
    const last = Math.max(...unavailable.map((s) => s.at + s.ms)) - killAt;
    log(
      `503s: ${unavailable.length}, from ${seconds(first)} to ${seconds(last)} after the kill, slowest ${Math.max(...unavailable.map((s) => s.ms)).toFixed(0)} ms`,
    );
  }
  log(`standby writable ${seconds(standbyWritableAfter)} after the kill; API writes succeeded again after ${seconds(writesBack)}`);
  log(
    `bookings answered 201: ${booked.length}, all in the database: ${missing.length === 0} (missing ${missing.length}); cancels answered 200: ${cancelled.length}, not cancelled: ${notCancelled.length}`,
  );
  log(`overlapping BOOKED pairs: ${overlaps?.n}`);
  log(`old primary rejoined as standby: ${rejoined >= 0 ? `yes, ${seconds(rejoined)} after its restart` : 'no'}`);

  const misses = [
    missing.length > 0 && `${missing.length} bookings answered 201 are not in the database`,
    notCancelled.length > 0 && `${notCancelled.length} cancels answered 200 are not cancelled`,
    overlaps?.n !== 0 && `${overlaps?.n} overlapping pairs`,
    (writesBack < 0 || writesBack > WRITES_BACK_WITHIN_MS) && `writes did not come back within ${seconds(WRITES_BACK_WITHIN_MS)}`,
    slowest >= REQUEST_TIMEOUT_MS && `a request waited ${slowest.toFixed(0)} ms, past its ${REQUEST_TIMEOUT_MS} ms timeout`,
    unexpected.length > 0 &&
      `${unexpected.length} unexpected answers (${[...new Set(unexpected.map((s) => `${s.status} ${s.code ?? ''}`))].join(', ')})`,
    rejoined < 0 && 'the old primary did not rejoin as a standby',
    crashed > 0 && `${crashed} API process(es) exited during the drill`,
    standbyReaders === 0 && 'no API connection read from the standby named by DATABASE_READ_URL',
  ].filter(Boolean);
  for (const miss of misses) log(`MISS: ${miss}`);
  log(misses.length === 0 ? 'PASS' : 'FAIL');
  return misses.length === 0;
}

main().then(
  (passed) => process.exit(passed ? 0 : 1),
  (error: unknown) => {
    process.stderr.write(`failover: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
