import ICAL from 'ical.js';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortName } from '../../src/services/calendar-feed.js';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate } from '../helpers/factories.js';
import { apiClient, signInAs, testApp } from '../helpers/http.js';

const engines = await availableEngines();
const LONDON = 'Europe/London';

/** The feed parsed back with Mozilla's parser, as a calendar app reads it. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      zone: event.startDate.zone?.tzid,
    };
  });
  return { zones: calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid')), events };
}

for (const engine of engines) {
  describe(`The calendar feed on ${engine.name}`, () => {
    let opened: OpenedStore;
    let app: ReturnType<typeof testApp>;
    let api: ReturnType<typeof apiClient>;
    const day = futureDate(5, LONDON);
    beforeAll(async () => {
      opened = await engine.open();
      app = testApp(opened.store, { config: { clinic: { timezone: LONDON, startHour: 9, endHour: 17, defaultSlotMinutes: 30 } } });
      api = apiClient(app);
    });
    afterAll(() => opened?.cleanup());

    const feedPath = (calendarUrl: string) => new URL(calendarUrl).pathname + new URL(calendarUrl).search;

    it('lists the doctor’s appointments in the clinic zone with stable UIDs, first name and initial only, and SEQUENCE bumped by a move', async () => {
      const doctor = await api.doctor();
      const patient = await api.patient({ name: 'Ada Augusta Lovelace', phone: '+44 20 7946 0000' });
      const booked = await api.http
        .post('/api/appointments')
        .send({ doctorId: doctor.id, patientId: patient.id, start: at(day, '10:00', LONDON) });
      const cancelled = await api.http
        .post('/api/appointments')
        .send({ doctorId: doctor.id, patientId: (await api.patient()).id, start: at(day, '11:00', LONDON) });
      await api.http.post(`/api/appointments/${cancelled.body.data.id}/cancel`).send({});
      const { calendarUrl } = (await api.http.get(`/api/doctors/${doctor.id}`)).body.data as { calendarUrl: string };
      expect(calendarUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/api/doctors/${doctor.id}/calendar\\.ics\\?key=[0-9a-f]{64}$`));

      const first = await request(app).get(feedPath(calendarUrl));
      expect(first.status).toBe(200);
      expect(first.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(first.text).not.toContain(patient.email);
      expect(first.text).not.toContain('7946');
      const before = parse(first.text);
      expect(before.zones).toEqual([LONDON]);
      expect(before.events).toEqual([
        {
          uid: `${booked.body.data.id}@clinic-appointments`,
          sequence: 0,
          summary: 'Ada L.',
          start: at(day, '10:00', LONDON),
          end: at(day, '10:30', LONDON),
          zone: expect.anything(),
        },
      ]);

      await api.http
        .post(`/api/appointments/${booked.body.data.id}/reschedule`)
        .send({ start: at(day, '14:00', LONDON) })
        .expect(200);
      const after = parse((await request(app).get(feedPath(calendarUrl))).text);
      expect(after.events.map((event) => [event.uid, event.sequence, event.start])).toEqual([
        [`${booked.body.data.id}@clinic-appointments`, 1, at(day, '14:00', LONDON)],
      ]);
    });

    it('answers 404 to a wrong key, and to the old key the moment it is rotated', async () => {
      const doctor = await api.doctor();
      const { calendarUrl } = (await api.http.get(`/api/doctors/${doctor.id}`)).body.data as { calendarUrl: string };
      expect((await request(app).get(`/api/doctors/${doctor.id}/calendar.ics?key=${'0'.repeat(64)}`)).status).toBe(404);
      expect((await request(app).get(`/api/doctors/${doctor.id}/calendar.ics`)).status).toBe(400);

      const rotated = await api.http.post(`/api/doctors/${doctor.id}/calendar-key`).send();
      expect(rotated.status).toBe(200);
      expect(rotated.body.data.calendarUrl).not.toBe(calendarUrl);
      expect((await request(app).get(feedPath(calendarUrl))).status).toBe(404);
      expect((await request(app).get(feedPath(rotated.body.data.calendarUrl))).status).toBe(200);
      const keyOf = (url: string) => new URL(url).searchParams.get('key');
      expect(keyOf((await api.http.get(`/api/doctors/${doctor.id}`)).body.data.calendarUrl)).toBe(keyOf(rotated.body.data.calendarUrl));
    });

    it('shows the feed URL to the desk only: a doctor account neither sees it nor rotates it', async () => {
      const doctor = await api.doctor();
      const { http } = await signInAs(app, opened.store, 'doctor', { doctorId: doctor.id });
      const seen = await http.get(`/api/doctors/${doctor.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.data).not.toHaveProperty('calendarUrl');
      expect((await http.post(`/api/doctors/${doctor.id}/calendar-key`).send()).status).toBe(403);
      const staff = await signInAs(app, opened.store, 'staff');
      expect((await staff.http.get(`/api/doctors/${doctor.id}`)).body.data.calendarUrl).toContain('/calendar.ics?key=');
    });
  });
}

describe('shortName', () => {
  it.each([
    ['Ada Lovelace', 'Ada L.'],
    ['Ada Augusta Lovelace', 'Ada L.'],
    ['  Cher  ', 'Cher'],
    ['José Álvarez-Ruiz', 'José Á.'],
  ])('turns %j into %j', (name, short) => expect(shortName(name)).toBe(short));
});
