import { connect } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, isPostgresReachable } from '../helpers/engines.js';
import { at, futureDate, unique } from '../helpers/factories.js';
import { startApiProcess, type ApiProcess } from '../helpers/processes.js';

const reachable = await isPostgresReachable();
if (!reachable) process.stdout.write('skipped: multi-process PostgreSQL tests (no PostgreSQL server)\n');

const OVERLAPS = `
  SELECT count(*)::int AS n FROM appointments a JOIN appointments b
    ON a.id < b.id AND a.status = 'BOOKED' AND b.status = 'BOOKED'
   AND tstzrange(a.start_at, a.end_at, '[)') && tstzrange(b.start_at, b.end_at, '[)')
   AND (a.doctor_id = b.doctor_id OR a.patient_id = b.patient_id)`;

describe.runIf(reachable)('three API processes sharing one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let processes: ApiProcess[] = [];
  let sql: pg.Client;
  const day = futureDate(9);

  beforeAll(async () => {
    database = await createPostgresDatabase();
    processes = await Promise.all([1, 2, 3].map(() => startApiProcess({ DATABASE_URL: database.url })));
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  }, 90_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all(processes.map((api) => api.stop()));
    await database?.drop();
  });

  const post = (api: ApiProcess, path: string, body: unknown) =>
    fetch(`${api.url}/api${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(
      async (response) => ({
        status: response.status,
        body: (await response.json()) as { data?: { id: string }; error?: { code: string } },
      }),
    );
  const doctor = async () => (await post(processes[0]!, '/doctors', { name: `Dr. ${unique()}`, specialty: 'GP' })).body.data!.id;
  const patients = (count: number) =>
    Promise.all(
      Array.from(
        { length: count },
        async () => (await post(processes[1]!, '/patients', { name: 'P', email: `${unique()}@example.org` })).body.data!.id,
      ),
    );

  it('gives one 201 and 49 BOOKING_CONFLICT to 50 simultaneous requests spread over the processes', async () => {
    const doctorId = await doctor();
    const patientIds = await patients(50);
    const responses = await Promise.all(
      patientIds.map((patientId, i) => post(processes[i % 3]!, '/appointments', { doctorId, patientId, start: at(day, '10:00') })),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, ...Array(49).fill(409)]);
    expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.error?.code))).toEqual(new Set(['BOOKING_CONFLICT']));
    const rows = await sql.query("SELECT count(*)::int AS n FROM appointments WHERE doctor_id = $1 AND status = 'BOOKED'", [doctorId]);
    expect(rows.rows[0].n).toBe(1);
  });

  it('keeps 30 staggered overlapping bookings across processes free of overlaps', async () => {
    const doctorId = await doctor();
    const patientIds = await patients(30);
    const base = new Date(at(day, '12:00')).getTime();
    const responses = await Promise.all(
      patientIds.map((patientId, i) =>
        post(processes[i % 3]!, '/appointments', {
          doctorId,
          patientId,
          start: new Date(base + i * 5 * 60_000).toISOString(),
          end: new Date(base + (i * 5 + 20) * 60_000).toISOString(),
        }),
      ),
    );
    expect(responses.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([]);
    expect(responses.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(5);
    expect((await sql.query(OVERLAPS)).rows[0].n).toBe(0);
  });

  it('never books one patient twice at once across two doctors and three processes', async () => {
    const [first, second] = [await doctor(), await doctor()];
    const [patientId] = await patients(1);
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        post(processes[i % 3]!, '/appointments', { doctorId: i % 2 ? first : second, patientId, start: at(day, '15:00') }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(responses.filter((r) => r.status !== 201).map((r) => r.body.error?.code))).toEqual(
      new Set(['BOOKING_CONFLICT', 'PATIENT_CONFLICT']),
    );
    expect((await sql.query(OVERLAPS)).rows[0].n).toBe(0);
  });

  it("shows every process's availability the booking and cancellation made through another", async () => {
    const doctorId = await doctor();
    const [patientId] = await patients(1);
    const slot = at(day, '11:00');
    const isFree = async (api: ApiProcess) => {
      const response = await fetch(`${api.url}/api/availability?doctorId=${doctorId}&date=${day}`);
      const body = (await response.json()) as { data: { slots: Array<{ start: string }> } };
      return body.data.slots.some((free) => free.start === slot);
    };
    // Another process hears of a write a moment after it commits: ask until it agrees or 2 s pass.
    const settledOn = async (api: ApiProcess, expected: boolean) => {
      const deadline = Date.now() + 2000;
      while ((await isFree(api)) !== expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      return isFree(api);
    };
    // Each process reads the day first, so each holds it in memory when another one writes.
    expect(await Promise.all(processes.map(isFree))).toEqual([true, true, true]);
    const booked = await post(processes[0]!, '/appointments', { doctorId, patientId, start: slot });
    expect(booked.status).toBe(201);
    expect(await Promise.all(processes.map((api) => settledOn(api, false)))).toEqual([false, false, false]);
    expect((await post(processes[1]!, `/appointments/${booked.body.data!.id}/cancel`, {})).status).toBe(200);
    expect(await Promise.all(processes.map((api) => settledOn(api, true)))).toEqual([true, true, true]);
  });

  it('exits 0 on SIGTERM after finishing a request already in flight', async () => {
    const extra = await startApiProcess({ DATABASE_URL: database.url });
    const body = JSON.stringify({ name: 'Dr. Late Arrival', specialty: 'GP' });
    const socket = connect(Number(new URL(extra.url).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    // Headers now, body after SIGTERM: the request is in flight while the server shuts down.
    socket.write(
      `POST /api/doctors HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = extra.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.write(body);
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 201/);
    expect(await exited).toBe(0);
    expect((await sql.query("SELECT count(*)::int AS n FROM doctors WHERE name = 'Dr. Late Arrival'")).rows[0].n).toBe(1);
  });
});
