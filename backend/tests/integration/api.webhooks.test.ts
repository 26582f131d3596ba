import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookService } from '../../src/services/webhooks.js';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate } from '../helpers/factories.js';
import { apiClient, testApp } from '../helpers/http.js';
import { receiver } from '../helpers/webhook-receiver.js';

const engines = await availableEngines();

for (const engine of engines) {
  describe(`Webhooks on ${engine.name}`, () => {
    let opened: OpenedStore;
    let now = new Date();
    const clock = () => now;
    let app: ReturnType<typeof testApp>;
    let api: ReturnType<typeof apiClient>;
    let hook: Awaited<ReturnType<typeof receiver>>;
    const day = futureDate(24);
    const worker = () => app.locals.webhooks as WebhookService;
    beforeAll(async () => {
      opened = await engine.open();
      app = testApp(opened.store, { clock, config: { webhookAllowPrivate: true } });
      api = apiClient(app);
      hook = await receiver();
    });
    afterAll(async () => {
      await hook?.close();
      await opened?.cleanup();
    });

    it('registers a webhook with a secret shown once, and refuses bad URLs, unknown events and private targets', async () => {
      const created = await api.http.post('/api/webhooks').send({ url: hook.url, events: ['appointment.booked', 'appointment.cancelled'] });
      expect(created.status).toBe(201);
      expect(created.body.data.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      hook.setSecret(created.body.data.secret);
      const listed = await api.http.get('/api/webhooks');
      expect(listed.body.data).toEqual([expect.objectContaining({ id: created.body.data.id, url: hook.url })]);
      expect(listed.body.data[0].secret).toBeUndefined();

      for (const body of [
        { url: 'ftp://x.example/hook', events: ['appointment.booked'] },
        { url: hook.url, events: ['appointment.exploded'] },
        { url: hook.url, events: [] },
      ]) {
        expect((await api.http.post('/api/webhooks').send(body)).status).toBe(400);
      }
      const strict = apiClient(testApp(opened.store));
      const loopback = await strict.http.post('/api/webhooks').send({ url: hook.url, events: ['appointment.booked'] });
      expect([loopback.status, loopback.body.error.details[0].path]).toEqual([400, 'url']);
    });

    it('delivers each change once, signed, in order, and nothing for a booking that was refused', async () => {
      const doctor = await api.doctor();
      const [ana, ben] = [await api.patient(), await api.patient()];
      const booked = await api.http.post('/api/appointments').send({ doctorId: doctor.id, patientId: ana.id, start: at(day, '10:00') });
      expect(booked.status).toBe(201);
      const refused = await api.http.post('/api/appointments').send({ doctorId: doctor.id, patientId: ben.id, start: at(day, '10:00') });
      expect(refused.status).toBe(409);
      expect((await api.http.post(`/api/appointments/${booked.body.data.id}/cancel`).send({})).status).toBe(200);

      await Promise.all([worker().tick(), worker().tick()]);
      expect(hook.received.map((event) => [event.type, event.appointmentId, event.valid])).toEqual([
        ['appointment.booked', booked.body.data.id, true],
        ['appointment.cancelled', booked.body.data.id, true],
      ]);
      const [first, second] = hook.received.map((event) => Number(event.id.replace('evt_', '')));
      expect(second!).toBeGreaterThan(first!);
      await worker().tick();
      expect(hook.received).toHaveLength(2);
    });

    it('retries a failed delivery with backoff, records each answer, and gives up after a day', async () => {
      const endpoint = (await api.http.get('/api/webhooks')).body.data[0] as { id: string };
      const doctor = await api.doctor();
      const patient = await api.patient();
      hook.statuses.push(500);
      const booked = await api.http.post('/api/appointments').send({ doctorId: doctor.id, patientId: patient.id, start: at(day, '11:00') });
      await worker().tick();
      let log = (await api.http.get(`/api/webhooks/${endpoint.id}/deliveries`)).body;
      expect(log.data[0]).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500, eventType: 'appointment.booked' });
      expect(new Date(log.data[0].nextAttemptAt).getTime() - now.getTime()).toBe(30_000);

      await worker().tick();
      expect(hook.received.filter((event) => event.appointmentId === booked.body.data.id)).toHaveLength(0);
      now = new Date(now.getTime() + 31_000);
      await worker().tick();
      log = (await api.http.get(`/api/webhooks/${endpoint.id}/deliveries`)).body;
      expect(log.data[0]).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200, lastError: null });
      expect(hook.received.filter((event) => event.appointmentId === booked.body.data.id)).toHaveLength(1);

      // A receiver that never recovers: retried until a day has passed, then failed.
      hook.statuses.push(...Array.from({ length: 60 }, () => 503));
      const second = await api.http.post(`/api/appointments/${booked.body.data.id}/cancel`).send({});
      expect(second.status).toBe(200);
      for (let hour = 0; hour < 26; hour += 1) {
        await worker().tick();
        now = new Date(now.getTime() + 60 * 60_000);
      }
      log = (await api.http.get(`/api/webhooks/${endpoint.id}/deliveries`)).body;
      expect(log.data[0]).toMatchObject({ eventType: 'appointment.cancelled', status: 'failed', lastStatus: 503, nextAttemptAt: null });
      expect(log.data[0].attempts).toBeGreaterThan(20);
      hook.statuses.length = 0;
    });

    it('makes and sends every delivery exactly once while several workers race', async () => {
      const doctor = await api.doctor();
      const patients = await Promise.all(Array.from({ length: 12 }, () => api.patient()));
      const before = hook.received.length;
      const times = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '13:00', '13:30', '14:00', '14:30'];
      const bookings = await Promise.all(
        patients.map((patient, n) =>
          api.http.post('/api/appointments').send({ doctorId: doctor.id, patientId: patient.id, start: at(futureDate(25), times[n]!) }),
        ),
      );
      expect(bookings.every((response) => response.status === 201)).toBe(true);
      const other = testApp(opened.store, { clock, config: { webhookAllowPrivate: true } }).locals.webhooks as WebhookService;
      await Promise.all([worker().tick(), other.tick(), worker().tick(), other.tick()]);
      const fresh = hook.received.slice(before);
      expect(fresh).toHaveLength(12);
      expect(new Set(fresh.map((event) => event.id)).size).toBe(12);
      expect(new Set(fresh.map((event) => event.appointmentId))).toEqual(new Set(bookings.map((response) => response.body.data.id)));
    });

    it('removes a webhook and its log', async () => {
      const endpoint = (await api.http.get('/api/webhooks')).body.data[0] as { id: string };
      expect((await api.http.delete(`/api/webhooks/${endpoint.id}`)).status).toBe(204);
      expect((await api.http.get(`/api/webhooks/${endpoint.id}/deliveries`)).status).toBe(404);
      expect((await api.http.delete(`/api/webhooks/${endpoint.id}`)).status).toBe(404);
    });
  });
}
