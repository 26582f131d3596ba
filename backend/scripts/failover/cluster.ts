import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, closeSync, mkdtempSync, openSync, readdirSync, rmSync } from 'node:fs';
import { userInfo, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../tests/helpers/processes.js';

const run = promisify(execFile);

// Lowered from the monitor's defaults (period 5 s, unhealthy after 20 s, demote wait 30 s, three
// 2-second retries): the standby is promoted about 5-10 s after the primary dies, instead of about
// 50 s. Lower still and a node that is only slow (a busy machine, a long checkpoint) can be failed
// over; docs/operations.md gives the reasoning for production values.
export const MONITOR_SETTINGS: Record<string, number> = {
  'pgautofailover.health_check_period': 1000,
  'pgautofailover.health_check_timeout': 1000,
  'pgautofailover.health_check_max_retries': 1,
  'pgautofailover.health_check_retry_delay': 500,
  'pgautofailover.node_considered_unhealthy_timeout': 5000,
  'pgautofailover.primary_demote_timeout': 5000,
};

export type Node = { name: string; port: number; pgdata: string; url: string };
export type NodeState = { name: string; reported: string; goal: string };

function pgCtl(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort();
  const version = versions[versions.length - 1];
  if (!version) throw new Error('no PostgreSQL under /usr/lib/postgresql');
  return `/usr/lib/postgresql/${version}/bin/pg_ctl`;
}

/**
 * A pg_auto_failover formation on this machine: a monitor and two PostgreSQL nodes on free local
 * ports, all under one temporary directory. pg_autoctl refuses to run as root, so as root every
 * command runs as the `postgres` user.
 */
export async function createCluster(log: (line: string) => void) {
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'clinic-failover-'));
  if (asRoot) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout), Number((await run('id', ['-g', 'postgres'])).stdout));
  const env = { ...process.env, XDG_CONFIG_HOME: `${dir}/config`, XDG_DATA_HOME: `${dir}/data`, XDG_RUNTIME_DIR: `${dir}/run` };
  const command = (args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', ...args]] : [args[0]!, args.slice(1)];
  const autoctl = async (...args: string[]) => {
    const [file, argv] = command(['pg_autoctl', ...args]);
    await run(file, argv, { env, maxBuffer: 16 * 1024 * 1024 });
  };
  const services = new Map<string, ChildProcess>();
  // Each service gets its own process group, so that killing a node kills its keeper and postgres together.
  const startService = (name: string, pgdata: string) => {
    const [file, argv] = command(['pg_autoctl', 'run', '--pgdata', pgdata]);
    const output = openSync(`${dir}/${name}.log`, 'a');
    const child = spawn(file, argv, { env, detached: true, stdio: ['ignore', output, output] });
    closeSync(output);
    services.set(name, child);
  };
  const killService = (name: string) => {
    const child = services.get(name);
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    services.delete(name);
  };

  const [monitorPort, port1, port2] = [await freePort(), await freePort(), await freePort()];
  const common = ['--hostname', '127.0.0.1', '--auth', 'trust', '--no-ssl', '--pgctl', pgCtl()];
  log(`monitor on ${monitorPort}, nodes on ${port1} and ${port2}, in ${dir}`);
  await autoctl('create', 'monitor', '--pgdata', `${dir}/monitor`, '--pgport', String(monitorPort), ...common);
  startService('monitor', `${dir}/monitor`);
  const monitorUrl = `postgres://postgres@127.0.0.1:${monitorPort}/pg_auto_failover`;
  const monitorQuery = async <Row extends pg.QueryResultRow>(text: string) => {
    const client = new pg.Client({ connectionString: monitorUrl, connectionTimeoutMillis: 2000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.query<Row>(text)).rows;
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  await waitFor('the monitor', 30_000, () => monitorQuery('SELECT 1').then(() => true));
  for (const [setting, value] of Object.entries(MONITOR_SETTINGS)) await monitorQuery(`ALTER SYSTEM SET ${setting} = ${value}`);
  await monitorQuery('SELECT pg_reload_conf()');

  const nodes: Node[] = [
    { name: 'node1', port: port1, pgdata: `${dir}/node1`, url: `postgres://postgres@127.0.0.1:${port1}/clinic` },
    { name: 'node2', port: port2, pgdata: `${dir}/node2`, url: `postgres://postgres@127.0.0.1:${port2}/clinic` },
  ];
  const monitorForNodes = `postgres://autoctl_node@127.0.0.1:${monitorPort}/pg_auto_failover?sslmode=disable`;
  const states = async (): Promise<NodeState[]> =>
    monitorQuery<{ name: string; reported: string; goal: string }>(
      'SELECT nodename AS name, reportedstate::text AS reported, goalstate::text AS goal FROM pgautofailover.node ORDER BY nodeid',
    );
  const stateOf = async (name: string) => (await states()).find((state) => state.name === name);

  // The second node is cloned from the first, so the first must be primary before it is created.
  for (const node of nodes) {
    await autoctl(
      'create',
      'postgres',
      '--pgdata',
      node.pgdata,
      '--pgport',
      String(node.port),
      '--name',
      node.name,
      '--dbname',
      'clinic',
      '--monitor',
      monitorForNodes,
      '--ssl-mode',
      'disable',
      ...common,
    );
    startService(node.name, node.pgdata);
    const wanted = node === nodes[0] ? 'single' : 'secondary';
    await waitFor(`${node.name} as ${wanted}`, 90_000, async () => (await stateOf(node.name))?.reported === wanted);
  }
  await waitFor('node1 as primary', 60_000, async () => (await stateOf('node1'))?.reported === 'primary');

  return {
    nodes,
    monitorUrl,
    /** libpq's multi-host form, as an application is given it. */
    multiHostUrl: `postgres://postgres@127.0.0.1:${port1},127.0.0.1:${port2}/clinic?target_session_attrs=read-write`,
    states,
    stateOf,
    /** The whole node at once, keeper and postgres, as when its machine dies. */
    kill: (name: string) => killService(name),
    restart: (node: Node) => {
      rmSync(`${node.pgdata}/postmaster.pid`, { force: true });
      startService(node.name, node.pgdata);
    },
    destroy: async () => {
      for (const name of [...services.keys()]) killService(name);
      // Backends of a killed postmaster leave within moments; the directory goes after them.
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (process.env.KEEP_FAILOVER_DIR) log(`kept ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Cluster = Awaited<ReturnType<typeof createCluster>>;

export async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check().catch(() => false)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
