/** The autocannon runs: every response's status and latency is kept, so percentiles are our own. */
import autocannon from 'autocannon';
import { bookingSlot, contentionSlot, isoDate, type Plan, type Range } from './plan.js';
import type { Fixtures } from './database.js';
import { pacedRunInChild } from './paced.js';

export type Sample = { requests: number; seconds: number; perSecond: number; statuses: Record<string, number>; latencies: number[] };

export type Request = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };

// Every request carries the bench's integrator token, as a real integrator's would.
const AUTH: Record<string, string> = {};
export const useToken = (secret: string) => {
  AUTH.authorization = `Bearer ${secret}`;
};
const JSON_HEADERS = () => ({ 'content-type': 'application/json', ...AUTH });

export type RunOptions = { connections: number; duration?: number; amount?: number };

export async function runRequests(origin: string, options: RunOptions, next: () => Request): Promise<Sample> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.duration }),
        timeout: 10,
        requests: [{ setupRequest: (request) => ({ ...request, ...next() }) }],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, status, _bytes, milliseconds) => {
      latencies.push(milliseconds);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.errors > 0) statuses.socket_error = result.errors;
  return { requests: latencies.length, seconds, perSecond: latencies.length / seconds, statuses, latencies };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// Per range across runs, so a warm-up and the measured run never book the same slot.
const used: Record<Range, number> = { book: 0, raw: 0, mixed: 0 };

function bookings(plan: Plan, fixtures: Fixtures, range: Range) {
  return (): Request => {
    const slot = bookingSlot(plan, range, used[range]++);
    const body = {
      doctorId: fixtures.doctors[slot.doctor],
      patientId: fixtures.patients[slot.doctor],
      start: slot.start.toISOString(),
      end: slot.end.toISOString(),
    };
    return { method: 'POST', path: '/api/appointments', headers: JSON_HEADERS(), body: JSON.stringify(body) };
  };
}

function availability(plan: Plan, fixtures: Fixtures) {
  return (): Request => {
    const doctor = fixtures.doctors[Math.floor(Math.random() * plan.doctors)];
    const date = isoDate(plan, Math.floor(Math.random() * plan.preloadDays));
    return { method: 'GET', path: `/api/availability?doctorId=${doctor}&date=${date}`, headers: { ...AUTH } };
  };
}

export const bookRun = (origin: string, plan: Plan, fixtures: Fixtures, range: Range, seconds: number) =>
  runRequests(origin, { connections: plan.connections, duration: seconds }, bookings(plan, fixtures, range));

export const availabilityRun = (origin: string, plan: Plan, fixtures: Fixtures) =>
  runRequests(origin, { connections: plan.connections, duration: plan.durationSeconds }, availability(plan, fixtures));

/**
 * Latency is read at a steady load a quarter of the measured capacity: at saturation every
 * percentile is queueing (p50 = connections / throughput) and says nothing about the query.
 */
export const availabilityLatencyRun = (origin: string, plan: Plan, fixtures: Fixtures, capacityPerSecond: number) =>
  pacedRunInChild(origin, Math.max(10, Math.round(capacityPerSecond / 4)), plan.durationSeconds, availability(plan, fixtures));

/** Nine reads for every booking, drawn at random per request. */
export function mixedRun(origin: string, plan: Plan, fixtures: Fixtures) {
  const read = availability(plan, fixtures);
  const write = bookings(plan, fixtures, 'mixed');
  return runRequests(origin, { connections: plan.connections, duration: plan.durationSeconds }, () =>
    Math.random() < 0.1 ? write() : read(),
  );
}

export type SlotOutcome = { start: string; winners: number; conflicts: number; other: Record<string, number> };

/** For each slot, one connection per request, all sent at once; each request from a different patient. */
export async function contentionRun(origin: string, plan: Plan, fixtures: Fixtures) {
  const slots: SlotOutcome[] = [];
  const latencies: number[] = [];
  for (let index = 0; index < plan.contentionSlots; index += 1) {
    const slot = contentionSlot(plan, index);
    let patient = 0;
    const sample = await runRequests(origin, { connections: plan.contentionRequests, amount: plan.contentionRequests }, () => {
      const body = {
        doctorId: fixtures.contentionDoctor,
        patientId: fixtures.contentionPatients[patient++ % fixtures.contentionPatients.length],
        start: slot.start.toISOString(),
        end: slot.end.toISOString(),
      };
      return { method: 'POST', path: '/api/appointments', headers: JSON_HEADERS(), body: JSON.stringify(body) };
    });
    latencies.push(...sample.latencies);
    const { 201: winners = 0, 409: conflicts = 0, ...other } = sample.statuses;
    slots.push({ start: slot.start.toISOString(), winners, conflicts, other });
  }
  return { slots, latencies };
}
