import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerLinkClaims, type PatientLinks } from '../../src/services/patient-links.js';
import type { WaitlistService } from '../../src/services/waitlist.js';
import type { WaitlistOffer } from '../../src/store/ports/waitlist.js';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate } from '../helpers/factories.js';
import { apiClient, testApp } from '../helpers/http.js';

const engines = await availableEngines();
const MINUTE = 60_000;

type Offer = { id: string; status: string; start: string; expiresAt: string; appointmentId: string | null };
type Entry = { id: string; status: string; offers: Offer[] };

for (const engine of engines) {
  describe(`Waitlist on ${engine.name}`, () => {
    let opened: OpenedStore;
    let now = new Date();
    const clock = () => now;
    let app: ReturnType<typeof testApp>;
    let api: ReturnType<typeof apiClient>;
    const worker = () => app.locals.waitlist as WaitlistService;
    const links = () => app.locals.links as PatientLinks;
    const token = (offer: Pick<WaitlistOffer, 'id'> & { expiresAt: string | Date }) =>
      links().sign(offerLinkClaims({ id: offer.id, expiresAt: new Date(offer.expiresAt) }));
    let day = futureDate(30);
    let dayOffset = 30;
    // Each test takes a day of its own, so holds and bookings of one never meet another's.
    const nextDay = () => (day = futureDate((dayOffset += 1)));

    beforeAll(async () => {
      opened = await engine.open();
      app = testApp(opened.store, { clock, config: { waitlistHoldMinutes: 15 } });
      api = apiClient(app);
    });
    afterAll(() => opened?.cleanup());

    const book = (doctorId: string, patientId: string, time: string) =>
      api.http.post('/api/appointments').send({ doctorId, patientId, start: at(day, time) });
    const entry = async (id: string) =>
      ((await api.http.get('/api/waitlist?limit=500')).body.data as Entry[]).find((item) => item.id === id)!;
    const wait = async (body: Record<string, unknown>) => {
      const response = await api.http.post('/api/waitlist').send(body);
      expect(response.status).toBe(201);
      return response.body.data as Entry;
    };
    const anyMorning = [{ start: '09:00', end: '12:00' }];

    it('refuses a bad entry with a 4xx and writes nothing', async () => {
      const doctor = await api.doctor();
      const patient = await api.patient();
      const before = (await api.http.get('/api/waitlist')).body.meta.total as number;
      const both = await api.http
        .post('/api/waitlist')
        .send({ patientId: patient.id, doctorId: doctor.id, specialty: 'Cardiology', windows: anyMorning });
      expect(both.status).toBe(400);
      expect(both.body.error.code).toBe('VALIDATION_ERROR');
      const noWindows = await api.http.post('/api/waitlist').send({ patientId: patient.id, doctorId: doctor.id, windows: [] });
      expect(noWindows.status).toBe(400);
      const backwards = await api.http
        .post('/api/waitlist')
        .send({ patientId: patient.id, doctorId: doctor.id, windows: [{ start: '12:00', end: '09:00' }] });
      expect(backwards.status).toBe(400);
      const unknownId = engine.name === 'mongodb' ? '0123456789abcdef01234567' : '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d';
      const nobody = await api.http.post('/api/waitlist').send({ patientId: unknownId, doctorId: doctor.id, windows: anyMorning });
      expect(nobody.status).toBe(404);
      expect((await api.http.get('/api/waitlist')).body.meta.total).toBe(before);
    });

    it('offers a cancelled slot to the first in line and holds it: nobody else can book it, until the patient accepts', async () => {
      nextDay();
      const doctor = await api.doctor();
      const [booked, first, second, other] = await Promise.all([api.patient(), api.patient(), api.patient(), api.patient()]);
      const appointment = (await book(doctor.id, booked.id, '10:00')).body.data as { id: string };
      const a = await wait({ patientId: first.id, doctorId: doctor.id, windows: anyMorning, note: 'Any morning' });
      await wait({ patientId: second.id, doctorId: doctor.id, windows: anyMorning });
      expect((await api.http.post(`/api/appointments/${appointment.id}/cancel`).send({})).status).toBe(200);

      await worker().round();
      const offered = await entry(a.id);
      expect(offered.status).toBe('offered');
      expect(offered.offers).toEqual([expect.objectContaining({ status: 'open', start: at(day, '10:00') })]);
      const hold = offered.offers[0]!;

      const slots = (await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${day}`)).body.data.slots as Array<{ start: string }>;
      expect(slots.map((slot) => slot.start)).not.toContain(at(day, '10:00'));
      const taken = await book(doctor.id, other.id, '10:00');
      expect(taken.status).toBe(409);
      expect(taken.body.error.code).toBe('SLOT_HELD');
      const later = (await book(doctor.id, other.id, '11:30')).body.data as { id: string };
      const moved = await api.http.post(`/api/appointments/${later.id}/reschedule`).send({ start: at(day, '10:00') });
      expect(moved.status).toBe(409);
      expect(moved.body.error.code).toBe('SLOT_HELD');
      const listed = (await api.http.get(`/api/appointments?doctorId=${doctor.id}`)).body.data as Array<{ status: string }>;
      expect(listed.map((item) => item.status)).toEqual(['CANCELLED', 'BOOKED']);

      const link = await token(hold);
      const page = await api.http.get(`/api/offers/${link}`).set('Authorization', '');
      expect(page.status).toBe(200);
      expect(page.body.data).toMatchObject({ status: 'open', patient: { firstName: 'Patient' }, appointment: { start: at(day, '10:00') } });
      expect(JSON.stringify(page.body)).not.toContain('@example.org');

      const accepted = await api.http.post(`/api/offers/${link}/accept`).set('Authorization', '');
      expect(accepted.status).toBe(200);
      expect(accepted.body.data).toMatchObject({
        status: 'accepted',
        appointment: { id: hold.appointmentId, status: 'BOOKED', patientId: first.id },
      });
      expect((await entry(a.id)).status).toBe('booked');
      const again = await api.http.post(`/api/offers/${link}/accept`).set('Authorization', '');
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('OFFER_CLOSED');

      // The next round finds nothing more in the freed time: the second in line is not offered it.
      await worker().round();
      const rest = ((await api.http.get('/api/waitlist?status=offered')).body.data as Entry[]).filter((item) => item.offers.length > 0);
      expect(rest.filter((item) => item.id !== a.id && item.offers.some((o) => o.start === at(day, '10:00')))).toEqual([]);
    });

    it('passes the slot to the next in line when the hold runs out or is declined, and frees it when nobody is left', async () => {
      nextDay();
      const doctor = await api.doctor();
      const [booked, first, second, other] = await Promise.all([api.patient(), api.patient(), api.patient(), api.patient()]);
      const appointment = (await book(doctor.id, booked.id, '11:00')).body.data as { id: string };
      const a = await wait({ patientId: first.id, doctorId: doctor.id, windows: anyMorning });
      const b = await wait({ patientId: second.id, doctorId: doctor.id, windows: anyMorning });
      await api.http.post(`/api/appointments/${appointment.id}/cancel`).send({});
      await worker().round();
      const held = (await entry(a.id)).offers[0]!;
      expect(new Date(held.expiresAt).getTime()).toBe(now.getTime() + 15 * MINUTE);
      const link = await token(held);

      const started = now;
      now = new Date(started.getTime() + 16 * MINUTE);
      try {
        const late = await api.http.post(`/api/offers/${link}/accept`);
        expect(late.status).toBe(409);
        expect(late.body.error.code).toBe('OFFER_EXPIRED');
        expect((await api.http.get(`/api/offers/${link}`)).body.data.status).toBe('expired');
        await worker().round();
        expect(await entry(a.id)).toMatchObject({
          status: 'waiting',
          offers: [expect.objectContaining({ status: 'expired', appointmentId: null })],
        });
        const next = (await entry(b.id)).offers[0]!;
        expect(next).toMatchObject({ status: 'open', start: at(day, '11:00') });

        const declined = await api.http.post(`/api/offers/${await token(next)}/decline`);
        expect(declined.status).toBe(200);
        expect(declined.body.data).toEqual({ status: 'declined' });
        await worker().round();
        expect((await entry(a.id)).offers).toHaveLength(1);
        expect((await entry(b.id)).status).toBe('waiting');
        expect((await book(doctor.id, other.id, '11:00')).status).toBe(201);
      } finally {
        now = started;
      }
    });

    it('settles a hold that runs out while the patient accepts one way only: booked, or expired and released', async () => {
      for (let round = 0; round < 4; round += 1) {
        nextDay();
        const doctor = await api.doctor();
        const [booked, waiting] = await Promise.all([api.patient(), api.patient()]);
        const appointment = (await book(doctor.id, booked.id, '09:30')).body.data as { id: string };
        const a = await wait({ patientId: waiting.id, doctorId: doctor.id, windows: anyMorning });
        await api.http.post(`/api/appointments/${appointment.id}/cancel`).send({});
        await worker().round();
        const held = (await entry(a.id)).offers[0]!;
        const link = await token(held);
        const expiry = new Date(new Date(held.expiresAt).getTime() + 1);
        const [accepted, expired] = await Promise.all([
          api.http.post(`/api/offers/${link}/accept`),
          opened.store.waitlist.expireDue(expiry, () => ({
            actorKind: 'system',
            actorId: null,
            actorLabel: 'test',
            action: 'waitlist.expire',
            resourceType: 'waitlist_offer',
            resourceId: held.id,
            outcome: 'success',
            correlationId: null,
            clientAddress: null,
          })),
        ]);
        const after = await entry(a.id);
        const stored = await opened.store.appointments.get(held.appointmentId!);
        if (accepted.status === 200) {
          expect(expired).toEqual([]);
          expect(after.offers[0]!.status).toBe('accepted');
          expect(stored?.status).toBe('BOOKED');
        } else {
          expect(accepted.body.error.code).toMatch(/^OFFER_(EXPIRED|CLOSED)$/);
          expect(expired.map((offer) => offer.id)).toEqual([held.id]);
          expect(after.offers[0]!.status).toBe('expired');
          expect(stored).toBeNull();
        }
      }
    });

    it('gives two slots freed at once to two patients, never both to the first, whichever process runs the rounds', async () => {
      nextDay();
      const doctor = await api.doctor();
      const [x, y, first, second] = await Promise.all([api.patient(), api.patient(), api.patient(), api.patient()]);
      const one = (await book(doctor.id, x.id, '09:00')).body.data as { id: string };
      const two = (await book(doctor.id, y.id, '10:30')).body.data as { id: string };
      const a = await wait({ patientId: first.id, doctorId: doctor.id, windows: anyMorning });
      const b = await wait({ patientId: second.id, doctorId: doctor.id, windows: anyMorning });
      await Promise.all([one, two].map((item) => api.http.post(`/api/appointments/${item.id}/cancel`).send({})));
      await Promise.all([worker().round(), worker().round(), worker().round()]);
      await worker().round();
      const [ea, eb] = [await entry(a.id), await entry(b.id)];
      expect(ea.offers.filter((offer) => offer.status === 'open')).toHaveLength(1);
      expect(eb.offers.filter((offer) => offer.status === 'open')).toHaveLength(1);
      expect(new Set([ea.offers[0]!.start, eb.offers[0]!.start])).toEqual(new Set([at(day, '09:00'), at(day, '10:30')]));
    });

    it('offers time given back by removed time off, as it does a cancelled slot', async () => {
      nextDay();
      const doctor = await api.doctor();
      const waiting = await api.patient();
      const off = await api.http
        .post(`/api/doctors/${doctor.id}/time-off`)
        .send({ start: at(day, '09:00'), end: at(day, '13:00'), reason: 'training' });
      expect(off.status).toBe(201);
      const a = await wait({ patientId: waiting.id, doctorId: doctor.id, windows: [{ date: day, start: '11:00', end: '12:00' }] });
      await worker().round();
      expect((await entry(a.id)).offers).toEqual([]);
      expect((await api.http.delete(`/api/time-off/${off.body.data.id}`)).status).toBe(204);
      await worker().round();
      expect((await entry(a.id)).offers).toEqual([expect.objectContaining({ status: 'open', start: at(day, '11:00') })]);
    });

    it('releases the hold when staff remove the entry, and answers a forged or unknown link with LINK_INVALID', async () => {
      nextDay();
      const doctor = await api.doctor();
      const [booked, waiting, other] = await Promise.all([api.patient(), api.patient(), api.patient()]);
      const appointment = (await book(doctor.id, booked.id, '10:00')).body.data as { id: string };
      const a = await wait({ patientId: waiting.id, specialty: 'Cardiology', windows: [{ date: day, start: '10:00', end: '10:30' }] });
      await api.http.post(`/api/appointments/${appointment.id}/cancel`).send({});
      await worker().round();
      const held = (await entry(a.id)).offers.find((offer) => offer.status === 'open')!;
      expect(held.start).toBe(at(day, '10:00'));
      expect((await api.http.delete(`/api/waitlist/${a.id}`)).status).toBe(204);
      const removed = ((await api.http.get('/api/waitlist?status=removed&limit=500')).body.data as Entry[]).find(
        (item) => item.id === a.id,
      );
      expect(removed?.offers[0]?.status).toBe('withdrawn');
      expect(await opened.store.appointments.get(held.appointmentId!)).toBeNull();
      expect((await book(doctor.id, other.id, '10:00')).status).toBe(201);

      const link = await token(held);
      const forged = `${link.slice(0, -2)}xx`;
      for (const bad of [
        forged,
        'not-a-token',
        await links().sign({ purpose: 'view', id: held.id, expiresAt: new Date(now.getTime() + MINUTE) }),
      ]) {
        const response = await api.http.post(`/api/offers/${bad}/accept`);
        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe('LINK_INVALID');
      }
      expect((await api.http.post(`/api/offers/${link}/accept`)).body.error.code).toBe('OFFER_CLOSED');
    });
  });
}
