import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate } from '../helpers/factories.js';
import { apiClient, makeAccount, signIn, testApp, TEST_ADMIN_TOKEN } from '../helpers/http.js';

const engines = await availableEngines();

type Frame = { id?: string; event?: string; data?: string };

/** An open GET /api/events read frame by frame, as a browser's EventSource would. */
async function openStream(base: string, { path = '/api/events', headers = {} }: { path?: string; headers?: Record<string, string> } = {}) {
  const controller = new AbortController();
  const response = await fetch(`${base}${path}`, {
    headers: { ...(headers.Cookie ? {} : { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` }), ...headers },
    signal: controller.signal,
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  const frames: Frame[] = [];
  async function next(within = 5000): Promise<Frame> {
    const deadline = Date.now() + within;
    for (;;) {
      const end = buffered.indexOf('\n\n');
      if (end >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (block.startsWith(':')) continue;
        const frame: Frame = {};
        for (const line of block.split('\n')) {
          const [field, ...rest] = line.split(': ');
          if (field === 'id' || field === 'event' || field === 'data') frame[field] = rest.join(': ');
        }
        frames.push(frame);
        return frame;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${within} ms; had ${JSON.stringify(frames)}`);
      const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), left))]);
      if (chunk === null) continue;
      if (chunk.done) throw new Error('the stream ended');
      buffered += chunk.value;
    }
  }
  /** The next appointment event, skipping `ready`. */
  async function nextChange(within = 5000) {
    for (;;) {
      const frame = await next(within);
      if (frame.event === 'appointment')
        return { id: Number(frame.id), ...(JSON.parse(frame.data!) as { type: string; appointment: { id: string; status: string } }) };
    }
  }
  return { response, next, nextChange, close: () => controller.abort() };
}

function listen(app: ReturnType<typeof testApp>): Promise<{ server: Server; base: string }> {
  const server = createServer(app);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

for (const engine of engines) {
  describe(`GET /api/events on ${engine.name}`, () => {
    let opened: OpenedStore;
    let app: ReturnType<typeof testApp>;
    let api: ReturnType<typeof apiClient>;
    let server: Server;
    let base: string;
    const day = futureDate(12);
    beforeAll(async () => {
      opened = await engine.open();
      app = testApp(opened.store);
      api = apiClient(app);
      await api.doctor();
      ({ server, base } = await listen(app));
    });
    afterAll(async () => {
      (app.locals.closeStreams as () => void)();
      await new Promise((resolve) => server.close(resolve));
      await opened?.cleanup();
    });

    const book = async (time: string, doctorId?: string) => {
      const doctor = doctorId ?? (await api.doctor()).id;
      const response = await api.http
        .post('/api/appointments')
        .send({ doctorId: doctor, patientId: (await api.patient()).id, start: at(day, time) });
      expect(response.status).toBe(201);
      return response.body.data as { id: string; doctorId: string };
    };

    it('starts with ready, then sends each change with the appointment as it is now', async () => {
      const stream = await openStream(base);
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      const ready = await stream.next();
      expect(ready.event).toBe('ready');
      expect(Number(ready.id)).toBeGreaterThanOrEqual(0);

      const booked = await book('09:00');
      const first = await stream.nextChange();
      expect(first).toMatchObject({ type: 'appointment.booked', appointment: { id: booked.id, status: 'BOOKED' } });
      expect(first.id).toBeGreaterThan(Number(ready.id));

      await api.http.post(`/api/appointments/${booked.id}/check-in`).send({}).expect(200);
      expect(await stream.nextChange()).toMatchObject({
        type: 'appointment.checked_in',
        appointment: { id: booked.id, status: 'CHECKED_IN' },
      });
      stream.close();
    });

    it('replays what a reconnecting client missed, in order, from Last-Event-ID', async () => {
      const first = await openStream(base);
      const ready = await first.next();
      first.close();
      const booked = await book('10:00');
      await api.http.post(`/api/appointments/${booked.id}/cancel`).send({}).expect(200);

      const again = await openStream(base, { headers: { 'Last-Event-ID': ready.id! } });
      const replayed = [await again.nextChange(), await again.nextChange()];
      expect(replayed.map((event) => [event.type, event.appointment.id])).toEqual([
        ['appointment.booked', booked.id],
        ['appointment.cancelled', booked.id],
      ]);
      expect(replayed[0]!.id).toBeLessThan(replayed[1]!.id);
      expect((await again.next()).event).toBe('ready');
      again.close();

      const byQuery = await openStream(base, { path: `/api/events?lastEventId=${replayed[0]!.id}` });
      expect((await byQuery.nextChange()).type).toBe('appointment.cancelled');
      byQuery.close();
    });

    it('sends only the watched days, and a doctor account only its own appointments', async () => {
      const mine = await api.doctor();
      const account = await makeAccount(opened.store, 'doctor', { doctorId: mine.id });
      const { cookie } = await signIn(app, account.email);
      const doctorStream = await openStream(base, { headers: { Cookie: cookie } });
      const dayStream = await openStream(base, { path: `/api/events?from=${day}&to=${day}` });
      await Promise.all([doctorStream.next(), dayStream.next()]);

      const elsewhere = futureDate(13);
      const other = await api.http
        .post('/api/appointments')
        .send({ doctorId: (await api.doctor()).id, patientId: (await api.patient()).id, start: at(elsewhere, '09:00') });
      expect(other.status).toBe(201);
      const own = await book('11:00', mine.id);
      expect((await doctorStream.nextChange()).appointment.id).toBe(own.id);
      expect((await dayStream.nextChange()).appointment.id).toBe(own.id);
      doctorStream.close();
      dayStream.close();
    });

    it('refuses a stream without credentials (401) and a malformed query (400)', async () => {
      const anonymous = await fetch(`${base}/api/events`);
      expect(anonymous.status).toBe(401);
      for (const query of ['from=tomorrow', 'to=2030-02-30', 'lastEventId=-1', 'lastEventId=1e400', 'lastEventId=abc', 'since=1']) {
        const bad = await fetch(`${base}/api/events?${query}`, { headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
        const body = (await bad.json()) as { error: { code: string } };
        expect([query, bad.status, body.error.code]).toEqual([query, 400, 'VALIDATION_ERROR']);
      }
    });

    it('treats a Last-Event-ID it cannot read, or one ahead of the chain, as no resume point', async () => {
      for (const header of ['garbage', '-5', '99999999999999999999']) {
        const stream = await openStream(base, { headers: { 'Last-Event-ID': header } });
        expect([header, stream.response.status, (await stream.next()).event]).toEqual([header, 200, 'ready']);
        stream.close();
      }
      const ahead = await openStream(base, { headers: { 'Last-Event-ID': '999999999' } });
      expect((await ahead.next()).event).toBe('ready');
      const booked = await book('13:00');
      expect((await ahead.nextChange()).appointment.id).toBe(booked.id);
      ahead.close();
    });

    if (engine.name === 'postgres') {
      it('hears a booking made through another API process on the same database within a second', async () => {
        const second: Store = await openStore({ databaseUrl: opened.url, dataDir: '' }, { poolSize: 4 });
        const otherApi = apiClient(testApp(second));
        try {
          const stream = await openStream(base);
          await stream.next();
          const doctor = await otherApi.doctor();
          const started = Date.now();
          const response = await otherApi.http
            .post('/api/appointments')
            .send({ doctorId: doctor.id, patientId: (await otherApi.patient()).id, start: at(day, '12:00') });
          expect(response.status).toBe(201);
          const heard = await stream.nextChange(1000);
          expect(heard).toMatchObject({ type: 'appointment.booked', appointment: { id: response.body.data.id } });
          expect(Date.now() - started).toBeLessThan(1000);
          stream.close();
        } finally {
          await second.close();
        }
      });
    }
  });
}
