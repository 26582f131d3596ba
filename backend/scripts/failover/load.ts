import { randomUUID } from 'node:crypto';

/** One request as the client saw it; times in ms since the load began. */
export type Sample = {
  kind: 'book' | 'cancel';
  at: number;
  ms: number;
  /** HTTP status, or 0 when the client gave up (its timeout) or the connection failed. */
  status: number;
  code?: string;
  id?: string;
};

export type LoadOptions = {
  apis: string[];
  doctorIds: string[];
  patientIds: string[];
  days: string[];
  durationMs: number;
  workers: number;
  /** The client's own timeout for each request. */
  timeoutMs: number;
};

const SLOTS_PER_DAY = 16;
const CANCEL_SHARE = 0.25;

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

async function send(url: string, body: Record<string, unknown>, timeoutMs: number) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const json = (await response.json().catch(() => ({}))) as { data?: { id?: string }; error?: { code?: string } };
  return { status: response.status, id: json.data?.id, code: json.error?.code };
}

/**
 * Books random 30-minute slots of a few doctors (so many collide and must be refused) and cancels
 * some of its own bookings, from `workers` loops spread over the API processes, for durationMs.
 */
export async function driveLoad(options: LoadOptions, onSample?: (sample: Sample) => void): Promise<Sample[]> {
  const samples: Sample[] = [];
  const began = performance.now();
  const booked: string[] = [];

  const one = async (kind: Sample['kind'], request: () => Promise<{ status: number; id?: string; code?: string }>) => {
    const at = performance.now() - began;
    const result = await request().catch((error: Error & { cause?: { code?: string } }) => ({
      status: 0,
      id: undefined,
      code: error.name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : (error.cause?.code ?? error.name),
    }));
    const sample: Sample = { kind, at, ms: performance.now() - began - at, ...result };
    samples.push(sample);
    onSample?.(sample);
    return sample;
  };

  const worker = async (index: number) => {
    const api = options.apis[index % options.apis.length]!;
    while (performance.now() - began < options.durationMs) {
      const cancelId =
        booked.length > 0 && Math.random() < CANCEL_SHARE ? booked.splice(Math.floor(Math.random() * booked.length), 1)[0] : undefined;
      if (cancelId) {
        await one('cancel', async () => ({
          ...(await send(`${api}/api/appointments/${cancelId}/cancel`, { reason: 'load' }, options.timeoutMs)),
          id: cancelId,
        }));
        continue;
      }
      const slot = Math.floor(Math.random() * SLOTS_PER_DAY);
      const start = `${pick(options.days)}T${String(9 + Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}:00.000Z`;
      const body = { doctorId: pick(options.doctorIds), patientId: pick(options.patientIds), start, reason: 'failover drill' };
      const sample = await one('book', () => send(`${api}/api/appointments`, body, options.timeoutMs));
      if (sample.status === 201 && sample.id) booked.push(sample.id);
      // A failed request is not retried at once, so a 503 storm does not become a busy loop.
      if (sample.status !== 201 && sample.status !== 409) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  await Promise.all(Array.from({ length: options.workers }, (_, index) => worker(index)));
  return samples;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
