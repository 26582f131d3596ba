/**
 * Race test against a running API: many simultaneous bookings of one slot must yield exactly one
 * 201, and staggered overlapping intervals must never leave two BOOKED appointments overlapping.
 * Usage: API_TOKEN=$(npm run -s token -- --name race --role admin) API_URL=http://localhost:3000/api npm run test:concurrent
 */
import { call, createDoctor, createPatients, listDoctorDay, overlappingPairs, runTag, type ApiResult, type Interval } from './lib/api.js';

const baseUrl = (process.env.API_URL ?? 'http://localhost:3000/api').replace(/\/$/, '');
const MINUTE = 60_000;
const SAME_SLOT_REQUESTS = 10;
const STAGGERED_REQUESTS = 30;
const STAGGER_MINUTES = 7;

type Check = { name: string; ok: boolean; detail: string };
const checks: Check[] = [];
const check = (name: string, ok: boolean, detail: string) => {
  checks.push({ name, ok, detail });
  console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}`);
};

// Two days ahead is in the future in every timezone, whatever the clinic's is.
function futureDate(): string {
  return new Date(Date.now() + 2 * 24 * 60 * MINUTE).toISOString().slice(0, 10);
}

/** The day's free grid slots, so the test follows the server's own working hours and timezone. */
async function freeSlots(doctorId: string, date: string): Promise<Interval[]> {
  const result = await call(baseUrl, 'GET', `/availability?doctorId=${doctorId}&date=${date}`);
  const data = result.body.data as { slots?: Interval[] } | undefined;
  if (result.status !== 200 || !data?.slots)
    throw new Error(`availability answered ${result.status}: ${JSON.stringify(result.body.error)}`);
  return data.slots;
}

const tally = (results: ApiResult[]) => {
  const counts = new Map<string, number>();
  for (const { status, body } of results) {
    const label = status === 201 ? '201' : `${status} ${body.error?.code ?? ''}`.trim();
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, count]) => `${count} x ${label}`).join(', ');
};

const book = (doctorId: string, patientId: string, interval: Partial<Interval> & { start: string }) =>
  call(baseUrl, 'POST', '/appointments', { doctorId, patientId, ...interval, reason: 'concurrency test' });

async function sameSlot(tag: string, date: string) {
  console.log(`\nScenario 1: ${SAME_SLOT_REQUESTS} simultaneous bookings of one slot`);
  const doctorId = await createDoctor(baseUrl, `${tag}-a`);
  const patients = await createPatients(baseUrl, `${tag}-a`, SAME_SLOT_REQUESTS);
  const slot = (await freeSlots(doctorId, date))[0];
  if (!slot) throw new Error(`the new doctor has no free slot on ${date}`);
  console.log(`  doctor ${doctorId}, slot ${slot.start} - ${slot.end}`);
  const results = await Promise.all(patients.map((patientId) => book(doctorId, patientId, { start: slot.start })));
  const created = results.filter((r) => r.status === 201).length;
  const conflicts = results.filter((r) => r.status === 409 && r.body.error?.code === 'BOOKING_CONFLICT').length;
  check('exactly one booking succeeds', created === 1, tally(results));
  check(`the other ${SAME_SLOT_REQUESTS - 1} get 409 BOOKING_CONFLICT`, conflicts === SAME_SLOT_REQUESTS - 1, `${conflicts} conflicts`);
  const rows = await listDoctorDay(baseUrl, doctorId, date);
  const booked = rows.filter((row) => row.status === 'BOOKED');
  check('one BOOKED appointment in the schedule', booked.length === 1, `${booked.length} BOOKED of ${rows.length} listed`);
  check('no overlapping BOOKED appointments', overlappingPairs(rows).length === 0, `${overlappingPairs(rows).length} overlapping pairs`);
}

async function staggered(tag: string, date: string) {
  console.log(`\nScenario 2: ${STAGGERED_REQUESTS} simultaneous bookings of staggered overlapping intervals`);
  const doctorId = await createDoctor(baseUrl, `${tag}-b`);
  // One patient per request: a patient-side conflict must not hide the doctor-side race.
  const patients = await createPatients(baseUrl, `${tag}-b`, STAGGERED_REQUESTS);
  const slots = await freeSlots(doctorId, date);
  const first = slots[0];
  const last = slots[slots.length - 1];
  const base = first ? Date.parse(first.start) : NaN;
  const intervals = patients.map((_, i) => {
    const start = base + i * STAGGER_MINUTES * MINUTE;
    // 20, 30 or 40 minutes: neighbours overlap by 13 to 33 minutes.
    return { start: new Date(start).toISOString(), end: new Date(start + (20 + (i % 3) * 10) * MINUTE).toISOString() };
  });
  const latestEnd = Math.max(...intervals.map((interval) => Date.parse(interval.end)));
  if (!last || latestEnd > Date.parse(last.end))
    throw new Error(`the working day on ${date} is too short for ${STAGGERED_REQUESTS} staggered intervals`);
  console.log(`  doctor ${doctorId}, intervals from ${intervals[0]!.start} every ${STAGGER_MINUTES} min`);
  const results = await Promise.all(patients.map((patientId, i) => book(doctorId, patientId, intervals[i]!)));
  const created = results.filter((r) => r.status === 201).length;
  const unexpected = results.filter((r) => r.status !== 201 && !(r.status === 409 && r.body.error?.code === 'BOOKING_CONFLICT'));
  check('every request ends as 201 or 409 BOOKING_CONFLICT', unexpected.length === 0, tally(results));
  check('at least one booking succeeds', created >= 1, `${created} booked`);
  const rows = await listDoctorDay(baseUrl, doctorId, date);
  const booked = rows.filter((row) => row.status === 'BOOKED');
  const pairs = overlappingPairs(rows);
  check('the schedule holds exactly the 201s', booked.length === created, `${booked.length} BOOKED listed, ${created} created`);
  check(
    'no overlapping BOOKED appointments',
    pairs.length === 0,
    pairs.map(([a, b]) => `${a.start}-${a.end} x ${b.start}-${b.end}`).join('; ') || 'none',
  );
}

async function main() {
  console.log(`Concurrent booking test against ${baseUrl}`);
  const health = await call(baseUrl, 'GET', '/health').catch((error: unknown) => {
    throw new Error(`cannot reach ${baseUrl} (${error instanceof Error ? error.message : String(error)}); start the API or set API_URL`);
  });
  if (health.status !== 200) throw new Error(`${baseUrl}/health answered ${health.status}`);
  const tag = runTag();
  const date = futureDate();
  await sameSlot(tag, date);
  await staggered(tag, date);
  const failed = checks.filter((c) => !c.ok);
  console.log(`\n${failed.length === 0 ? 'OK' : 'FAILED'}: ${checks.length - failed.length}/${checks.length} checks passed`);
  process.exitCode = failed.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(`\nFAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
