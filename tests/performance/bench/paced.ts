/**
 * Open-loop load for latency: requests start at evenly spaced instants whatever the earlier ones
 * are doing, and each is timed from its own start. autocannon's rate option cannot do this: each
 * connection sends its whole quota for a second back to back and then waits for the next second,
 * so a "quarter of capacity" arrives as bursts at full speed, and the percentiles measure the
 * queue those bursts build.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Request, Sample } from './scenarios.js';

type Job = { origin: string; perSecond: number; seconds: number; requests: Request[] };

const WARM_UP_SECONDS = 1;

const TIMEOUT_MS = 10_000;

function send(agent: http.Agent, origin: URL, request: Request): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        agent,
        host: origin.hostname,
        port: origin.port,
        method: request.method,
        path: request.path,
        headers: request.headers,
        timeout: TIMEOUT_MS,
      },
      (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.once('timeout', () => outgoing.destroy(new Error('timed out')));
    outgoing.once('error', reject);
    outgoing.end(request.body);
  });
}

async function pacedRun(origin: string, perSecond: number, seconds: number, next: () => Request): Promise<Sample> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL(origin);
  const statuses: Record<string, number> = {};
  const interval = 1000 / perSecond;
  const total = Math.round(perSecond * seconds);
  // Nothing per request outlives its answer: holding every request's promise until the end grew
  // this process's old generation, and its major collections (4-7 ms) landed in the latencies.
  const latencies = new Float64Array(total);
  let answered = 0;
  let pending = 0;
  let allAnswered: () => void = () => undefined;
  const drained = new Promise<void>((resolve) => (allAnswered = resolve));
  const settle = () => {
    pending -= 1;
    if (pending === 0) allAnswered();
  };
  const started = performance.now();
  for (let sent = 0; sent < total;) {
    // Timers fire a millisecond or so late; whatever fell due meanwhile starts now.
    while (sent < total && started + sent * interval <= performance.now()) {
      const begun = performance.now();
      pending += 1;
      send(agent, target, next()).then(
        (status) => {
          latencies[answered++] = performance.now() - begun;
          statuses[status] = (statuses[status] ?? 0) + 1;
          settle();
        },
        () => {
          statuses.socket_error = (statuses.socket_error ?? 0) + 1;
          settle();
        },
      );
      sent += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + sent * interval - performance.now())));
  }
  if (pending > 0) await drained;
  agent.destroy();
  const elapsed = (performance.now() - started) / 1000;
  return {
    requests: answered,
    seconds: elapsed,
    perSecond: answered / elapsed,
    statuses,
    latencies: Array.from(latencies.subarray(0, answered)),
  };
}

/**
 * Runs the paced load in a fresh process: the bench's own process holds every earlier sample,
 * and its garbage collector would pause the clock of the requests in flight.
 */
export function pacedRunInChild(origin: string, perSecond: number, seconds: number, next: () => Request): Promise<Sample> {
  const total = Math.round(perSecond * (seconds + WARM_UP_SECONDS));
  const job: Job = { origin, perSecond, seconds, requests: Array.from({ length: total }, next) };
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(JSON.stringify(job));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(output) as Sample) : reject(new Error(`the paced load exited with ${code}`)),
    );
  });
}

async function runJob() {
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  const job = JSON.parse(input) as Job;
  let index = 0;
  const next = () => job.requests[index++ % job.requests.length]!;
  await pacedRun(job.origin, job.perSecond, WARM_UP_SECONDS, next);
  process.stdout.write(JSON.stringify(await pacedRun(job.origin, job.perSecond, job.seconds, next)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runJob();
