import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import winston from 'winston';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createLogger } from '../../src/config/logger.js';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate, silentConfig } from '../helpers/factories.js';
import { apiClient, testApp } from '../helpers/http.js';

let opened: OpenedStore;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  opened = await openPgliteStore();
  api = apiClient(testApp(opened.store));
});
afterAll(() => opened?.cleanup());

describe('GET /health', () => {
  it('reports ok with the store kind', async () => {
    const response = await api.http.get('/health');
    expect([response.status, response.body.status, response.body.store]).toEqual([200, 'ok', 'pglite']);
  });

  it('answers 503 SERVICE_UNAVAILABLE when the store cannot be reached', async () => {
    const down = await openPgliteStore();
    await down.store.close();
    const response = await apiClient(testApp(down.store)).http.get('/health');
    expect([response.status, response.body.error.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    const booking = await apiClient(testApp(down.store)).http.get('/api/doctors');
    expect([booking.status, booking.body.error.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
  });
});

describe('errors every route shares', () => {
  it('404s an unknown route in the error shape', async () => {
    const response = await api.http.get('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      success: false,
      error: { code: 'NOT_FOUND', correlationId: response.headers['x-correlation-id'] },
    });
  });

  it('400s a body that is not JSON', async () => {
    const response = await api.http.post('/api/doctors').set('Content-Type', 'application/json').send('{"name": "Dr. Broken"');
    expect([response.status, response.body.error.code]).toEqual([400, 'INVALID_JSON']);
  });

  it('413s a body over 100 kB', async () => {
    const response = await api.http.post('/api/patients').send({ name: 'x'.repeat(110_000), email: 'big@example.org' });
    expect([response.status, response.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('echoes a sane X-Correlation-ID and puts it in the error body', async () => {
    const response = await api.http.get('/api/doctors/invalid-id').set('X-Correlation-ID', 'client-abc-123');
    expect(response.headers['x-correlation-id']).toBe('client-abc-123');
    expect(response.body.error.correlationId).toBe('client-abc-123');
  });

  it('sends security headers and answers CORS for the configured origin only', async () => {
    const allowed = await api.http.get('/api/doctors').set('Origin', 'http://localhost:5173');
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(allowed.headers['x-content-type-options']).toBe('nosniff');
    const other = await api.http.get('/api/doctors').set('Origin', 'http://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('429s past the rate limit with RATE_LIMITED', async () => {
    const limited = apiClient(testApp(opened.store, { config: { rateLimitPerMinute: 3 } }));
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await limited.http.get('/api/doctors')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await limited.http.get('/api/doctors')).body.error.code).toBe('RATE_LIMITED');
  });
});

describe('validators', () => {
  it('sends no ETag with API answers, which are live data, but keeps them on the SPA files', async () => {
    const frontendDir = mkdtempSync(path.join(tmpdir(), 'clinic-spa-'));
    writeFileSync(path.join(frontendDir, 'index.html'), '<!doctype html><title>Clinic</title>');
    writeFileSync(path.join(frontendDir, 'app.js'), 'console.info("clinic");');
    try {
      const withSpa = apiClient(testApp(opened.store, { frontendDir }));
      const doctors = await withSpa.http.get('/api/doctors');
      expect([doctors.status, doctors.headers.etag]).toEqual([200, undefined]);
      const asset = await withSpa.http.get('/app.js');
      expect(asset.status).toBe(200);
      expect(asset.headers.etag).toMatch(/^W\/"/);
    } finally {
      rmSync(frontendDir, { recursive: true, force: true });
    }
  });
});

describe('the SPA', () => {
  it('is served once its build lands, even when the API started before it', async () => {
    const frontendDir = mkdtempSync(path.join(tmpdir(), 'clinic-spa-'));
    try {
      const withSpa = apiClient(testApp(opened.store, { frontendDir }));
      const before = await withSpa.http.get('/book');
      expect([before.status, before.body.error?.code]).toEqual([404, 'NOT_FOUND']);
      writeFileSync(path.join(frontendDir, 'index.html'), '<!doctype html><title>Clinic</title>');
      const after = await withSpa.http.get('/book');
      expect([after.status, after.text]).toEqual([200, '<!doctype html><title>Clinic</title>']);
      expect((await withSpa.http.get('/api/nowhere')).body.error.code).toBe('NOT_FOUND');
    } finally {
      rmSync(frontendDir, { recursive: true, force: true });
    }
  });
});

describe('GET /metrics and GET /api/config', () => {
  it('exposes request durations and booking outcomes for Prometheus', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const start = at(futureDate(3), '10:00');
    await api.http.post('/api/appointments').send({ doctorId: doctor.id, patientId: patient.id, start });
    await api.http.post('/api/appointments').send({ doctorId: doctor.id, patientId: patient.id, start });
    const metrics = await api.http.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/api\/appointments",status="201"\} 1/);
    expect(metrics.text).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/api\/appointments",status="409"\} 1/);
    expect(metrics.text).toMatch(/booking_attempts_total\{outcome="booked"\} 1/);
    expect(metrics.text).toMatch(/booking_attempts_total\{outcome="booking_conflict"\} 1/);
    expect(metrics.text).toMatch(/store_query_duration_seconds_count\{operation="appointments.book",engine="pglite"\} 2/);
  });

  it('counts availability reads answered from memory and from the database', async () => {
    const doctor = await api.doctor();
    const counts = async () => {
      const text = (await api.http.get('/metrics')).text;
      const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1]);
      return {
        hit: value(/availability_cache_lookups_total\{result="hit"\} (\d+)/),
        miss: value(/availability_cache_lookups_total\{result="miss"\} (\d+)/),
        entries: value(/availability_cache_entries (\d+)/),
        serving: value(/availability_cache_serving (\d+)/),
      };
    };
    const before = await counts();
    for (let i = 0; i < 3; i += 1)
      expect((await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${futureDate(4)}`)).status).toBe(200);
    expect(await counts()).toEqual({ hit: before.hit + 2, miss: before.miss + 1, entries: before.entries + 1, serving: 1 });
  });

  it('tells the SPA the clinic’s timezone and hours', async () => {
    const response = await api.http.get('/api/config');
    expect(response.body).toEqual({
      success: true,
      data: {
        timezone: 'UTC',
        clinicStartHour: 9,
        clinicEndHour: 17,
        defaultSlotMinutes: 30,
        authMode: 'required',
        requireAdminTotp: false,
      },
    });
  });
});

describe('logging', () => {
  it('writes JSON lines with the correlation id and never the patient’s email or phone', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const logger = createLogger({ level: 'http', json: true });
    logger.clear().add(new winston.transports.Stream({ stream: sink }));
    const app = apiClient(createApp({ store: opened.store, config: silentConfig, logger }));
    const created = await app.http
      .post('/api/patients')
      .send({ name: 'Private Person', email: 'private.person@example.org', phone: '+44 7700 900555' })
      .set('X-Correlation-ID', 'log-test-1');
    await app.http
      .post('/api/patients')
      .send({ name: 'Private Person', email: 'private.person@example.org' })
      .set('X-Correlation-ID', 'log-test-2');
    const doctor = await api.doctor();
    const booked = await app.http
      .post('/api/appointments')
      .send({ doctorId: doctor.id, patientId: created.body.data.id, start: at(futureDate(2), '09:00') })
      .set('X-Correlation-ID', 'log-test-3');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.map((entry) => [entry.correlationId, entry.message, entry.status])).toEqual([
      ['log-test-1', 'request completed', 201],
      ['log-test-2', 'request completed', 409],
      ['log-test-3', 'appointment booked', undefined],
      ['log-test-3', 'request completed', 201],
    ]);
    expect(entries[2]).toMatchObject({ appointmentId: booked.body.data.id, doctorId: doctor.id, patientId: created.body.data.id });
    expect(entries.every((entry) => entry.service === 'appointment-api' && typeof entry.timestamp === 'string')).toBe(true);
    expect(lines.join('\n')).not.toMatch(/private\.person|900555/);
  });

  it('drops entries below the configured level', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', json: true });
    logger
      .clear()
      .add(
        new winston.transports.Stream({ stream: new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }) }),
      );
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((line) => JSON.parse(line).message)).toEqual(['loud']);
  });
});
