import cluster, { type Worker } from 'node:cluster';
import client from 'prom-client';
import type { Logger } from '../config/logger.js';

const RESTART_LIMIT = 5;
const RESTART_WINDOW_MS = 60_000;
const METRICS_TIMEOUT_MS = 5_000;
const METRICS_REQUEST = 'clinic:cluster-metrics';

/**
 * The primary only supervises: it forks the workers (which share the listening port), answers
 * their requests for cluster-wide metrics, replaces a worker that crashes, and on SIGTERM/SIGINT
 * passes the signal on and exits 0 once every worker has drained and exited 0.
 */
export function runPrimary(workers: number, logger: Logger, graceMs: number) {
  const aggregator = new client.AggregatorRegistry();
  const restarts: number[] = [];
  let stopping = false;
  let failed = false;

  cluster.on('message', (worker: Worker, message: { type?: string; id?: number }) => {
    if (message?.type !== METRICS_REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: METRICS_REQUEST, id: message.id, text }),
      (error: unknown) => worker.send({ type: METRICS_REQUEST, id: message.id, error: String(error) }),
    );
  });

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (code !== 0) failed = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
      return;
    }
    const now = Date.now();
    while (restarts.length > 0 && restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length >= RESTART_LIMIT) {
      logger.error('workers keep crashing; stopping the cluster', { restarts: restarts.length });
      stop('crash-loop', 1);
      return;
    }
    restarts.push(now);
    logger.error('worker exited unexpectedly; starting a replacement', { pid: worker.process.pid, code, signal });
    cluster.fork();
  });

  const stop = (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    failed = exitCode !== 0;
    logger.info('stopping workers', { reason });
    // A worker that hangs past its own grace period is taken down here, so the primary always ends.
    setTimeout(() => {
      logger.error('workers did not stop in time; exiting');
      process.exit(1);
    }, graceMs + 2_000).unref();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  for (let i = 0; i < workers; i += 1) cluster.fork();
  logger.info(`started ${workers} API workers`, { workers });
}

let nextRequest = 0;

/** In a worker: the metrics of every worker, summed by the primary's AggregatorRegistry. */
export function clusterMetrics(): Promise<string> {
  const id = (nextRequest += 1);
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type?: string; id?: number; text?: string; error?: string }) => {
      if (message?.type !== METRICS_REQUEST || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (message.text !== undefined) resolve(message.text);
      else reject(new Error(message.error ?? 'no metrics from the primary'));
    };
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error('the primary did not answer the metrics request in time'));
    }, METRICS_TIMEOUT_MS);
    process.on('message', onMessage);
    process.send?.({ type: METRICS_REQUEST, id });
  });
}
