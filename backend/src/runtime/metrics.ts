import cluster from 'node:cluster';
import client from 'prom-client';
import { clusterMetrics } from './cluster.js';
import type { Store } from '../store/store.js';

/**
 * A worker's registry whose text is the whole cluster's, so any worker can answer a scrape.
 * Constructing an AggregatorRegistry is what makes prom-client answer the primary's requests.
 */
class ClusterRegistry extends client.AggregatorRegistry<client.PrometheusContentType> {
  override metrics(): Promise<string> {
    return clusterMetrics();
  }
}

export type Metrics = ReturnType<typeof createMetrics>;

/** One registry per app, so several apps in one test process never share counters. */
export function createMetrics() {
  const registry = cluster.isWorker ? new ClusterRegistry() : new client.Registry();
  // The primary's AggregatorRegistry collects this worker's own samples through prom-client's IPC.
  if (cluster.isWorker) client.AggregatorRegistry.setRegistries([registry]);
  client.collectDefaultMetrics({ register: registry });
  // The exact Node version tells an attacker which CVEs to try; nothing on a dashboard needs it.
  registry.removeSingleMetric('nodejs_version_info');
  return {
    registry,
    httpDuration: new client.Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    bookingAttempts: new client.Counter({
      name: 'booking_attempts_total',
      help: 'Booking attempts by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    storeDuration: new client.Histogram({
      name: 'store_query_duration_seconds',
      help: 'Store operation duration by operation and engine',
      labelNames: ['operation', 'engine'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
  };
}

const REPOSITORIES = ['doctors', 'patients', 'appointments', 'timeOff', 'idempotency', 'audit', 'accounts', 'sessions', 'tokens'] as const;

/** Wraps every repository method with a timer; the services never know they are measured. */
export function instrumentStore(store: Store, metrics: Metrics): Store {
  const timed = <R extends object>(name: string, repository: R): R => {
    const wrapped: Record<string, unknown> = {};
    for (const [method, fn] of Object.entries(repository)) {
      wrapped[method] = async (...args: unknown[]) => {
        const stop = metrics.storeDuration.startTimer({ operation: `${name}.${method}`, engine: store.kind });
        try {
          return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
        } finally {
          stop();
        }
      };
    }
    return wrapped as R;
  };
  const repositories = Object.fromEntries(REPOSITORIES.map((name) => [name, timed(name, store[name])]));
  if (store.dayCacheStats) watchDayCache(store.dayCacheStats, metrics);
  return { ...store, ...repositories } as Store;
}

/** The store counts its own hits and misses; a scrape copies them. */
function watchDayCache(stats: NonNullable<Store['dayCacheStats']>, metrics: Metrics) {
  new client.Counter({
    name: 'availability_cache_lookups_total',
    help: 'Doctor-day reads for availability, by whether memory answered (hit) or the database (miss)',
    labelNames: ['result'] as const,
    registers: [metrics.registry],
    collect() {
      const { hits, misses } = stats();
      this.reset();
      this.inc({ result: 'hit' }, hits);
      this.inc({ result: 'miss' }, misses);
    },
  });
  new client.Gauge({
    name: 'availability_cache_entries',
    help: 'Doctor-days held in memory for availability',
    registers: [metrics.registry],
    collect() {
      this.set(stats().entries);
    },
  });
  new client.Gauge({
    name: 'availability_cache_serving',
    help: '1 while availability may be answered from memory; 0 while changes from other processes cannot be heard',
    registers: [metrics.registry],
    collect() {
      this.set(stats().serving ? 1 : 0);
    },
  });
}
