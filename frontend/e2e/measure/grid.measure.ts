import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { callApi, clinicDate } from '../support/api';
import { signedInContext } from '../support/auth';
import { launchBrowser } from '../support/browser';

const baseURL = inject('baseURL');
// With E2E_DATABASE_URL the colleague's browser talks to the other API process.
const secondURL = inject('secondURL');
const admin = inject('admin');
const DOCTORS = 20;
const VISITS = 30;
const PATIENTS = 30;
const LOADS = 10;
const CHANGES = 50;
const run = Date.now().toString(36);
const specialty = `Measured ${run}`;
// A weekday well ahead, so every visit is in the future and the clinic's hours apply.
const day = [40, 41, 42].map((n) => clinicDate(n)).find((d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()))!;

let browser: Browser;
const visits: { id: string; doctor: number }[] = [];

async function created(path: string, body: unknown): Promise<string> {
  const answer = await callApi<{ id: string }>(baseURL, 'POST', path, body);
  if (answer.status !== 201) throw new Error(`POST ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.data.id;
}

/** Runs the calls a few at a time, as a busy desk would, not all at once. */
async function inBatches<T>(items: T[], size: number, call: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(call));
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

beforeAll(async () => {
  browser = await launchBrowser();
  // 15-minute visits: 30 of them fit a 09:00-17:00 day (32 slots).
  const doctors: string[] = [];
  await inBatches([...Array(DOCTORS).keys()], 5, async (i) => {
    doctors[i] = await created('/doctors', { name: `Dr Measure ${String(i + 1).padStart(2, '0')} ${run}`, specialty, slotMinutes: 15 });
  });
  const patients: string[] = [];
  await inBatches([...Array(PATIENTS).keys()], 5, async (i) => {
    patients[i] = await created('/patients', { name: `Pat Measure ${i + 1} ${run}`, email: `measure.${i}.${run}@example.org` });
  });
  const free = await callApi<{ slots: { start: string }[] }>(baseURL, 'GET', `/availability?doctorId=${doctors[0]}&date=${day}`);
  const slots = free.body.data.slots.map((s) => s.start);
  if (slots.length < Math.max(VISITS, DOCTORS)) throw new Error(`only ${slots.length} free slots on ${day}`);
  // Patient p sees doctor d in slot (p + d) mod 32: no doctor and no patient is ever double-booked.
  const bookings = doctors.flatMap((doctorId, d) =>
    [...Array(VISITS).keys()].map((p) => ({ d, body: { doctorId, patientId: patients[p]!, start: slots[(p + d) % slots.length]! } })),
  );
  await inBatches(bookings, 8, async ({ d, body }) => {
    visits.push({ id: await created('/appointments', { ...body, reason: 'Measured visit' }), doctor: d });
  });
});

afterAll(async () => {
  await browser?.close();
});

async function openDay(page: Page) {
  await page.goto(`/?date=${day}&specialty=${encodeURIComponent(specialty)}`);
  // Only the columns in view are drawn; the headers say all are there.
  await page.waitForFunction((count) => document.querySelectorAll('[role="grid"] .cal-head').length === count, DOCTORS, {
    timeout: 60_000,
  });
}

it(`renders ${DOCTORS} doctors of ${VISITS} visits each, and carries changes to a second browser`, async () => {
  const context = await signedInContext(browser, baseURL, admin, 1366);
  const page = await context.newPage();
  const renders: number[] = [];
  for (let i = 0; i < LOADS; i += 1) {
    await openDay(page);
    const measured = await page.waitForFunction(() => {
      const entries = performance.getEntriesByName('calendar:render');
      return entries.length > 0 && entries[entries.length - 1]!.duration;
    });
    renders.push(Number(await measured.jsonValue()));
  }
  const columns = await page.getByRole('columnheader').count();
  expect(columns - 1).toBe(DOCTORS);

  const colleague = await signedInContext(browser, secondURL, admin, 1366);
  const watcher = await colleague.newPage();
  await openDay(watcher);
  const latencies: number[] = [];
  // Visits of the first doctors (by name, as the columns are ordered), whose columns are in view at 1366 px.
  const changed = visits.filter((v) => v.doctor < 3).slice(0, CHANGES);
  for (const { id } of changed) {
    // The second browser notes the moment the block shows the change...
    const seen = watcher.evaluate(
      (visit) =>
        new Promise<number>((resolve, reject) => {
          setTimeout(() => reject(new Error(`visit ${visit} did not change within 10 s`)), 10_000);
          const done = () => document.querySelector(`[data-id="${visit}"]`)?.textContent?.includes('Checked in');
          if (done()) return resolve(Date.now());
          const observer = new MutationObserver(() => {
            if (!done()) return;
            observer.disconnect();
            resolve(Date.now());
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        }),
      id,
    );
    // ...that the first made, through its own session, a moment before.
    const sent = await page.evaluate(async (visit) => {
      const at = Date.now();
      const answer = await fetch(`/api/appointments/${visit}/check-in`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: '{}',
      });
      if (!answer.ok) throw new Error(`check-in answered ${answer.status}`);
      return at;
    }, id);
    latencies.push((await seen) - sent);
  }
  await colleague.close();
  await context.close();

  const lines = [
    `grid measurement: ${DOCTORS} doctors x ${VISITS} visits on ${day}, Chromium, ${LOADS} loads`,
    `  data in hand -> grid painted: median ${ms(percentile(renders, 50))}, p95 ${ms(percentile(renders, 95))}, max ${ms(Math.max(...renders))} (target < 150 ms)`,
    `  ${CHANGES} changes, one browser to another: median ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(Math.max(...latencies))} (target p95 < 1000 ms)`,
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
});
