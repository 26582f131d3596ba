import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at } from '../helpers/factories.js';
import { apiClient, testApp } from '../helpers/http.js';

const engines = await availableEngines();
const LONDON = 'Europe/London';
const NEW_YORK = 'America/New_York';

/** The date of the next given weekday (1 = Monday) at least `weeks` weeks ahead, in London. */
function nextWeekday(weekday: number, weeks: number): string {
  const today = DateTime.now().setZone(LONDON).startOf('day');
  return today.plus({ days: ((weekday - today.weekday + 7) % 7 || 7) + 7 * weeks }).toISODate()!;
}

type Slot = { start: string; end: string; siteId?: string; timezone?: string };
const iso = (text: string) => new Date(text).toISOString();

for (const engine of engines) {
  describe(`Sites on ${engine.name}`, () => {
    let opened: OpenedStore;
    let app: ReturnType<typeof testApp>;
    let api: ReturnType<typeof apiClient>;
    const unknown = engine.name === 'mongodb' ? '0123456789abcdef01234567' : '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d';
    beforeAll(async () => {
      opened = await engine.open();
      app = testApp(opened.store, { config: { clinic: { timezone: LONDON, startHour: 9, endHour: 17, defaultSlotMinutes: 30 } } });
      api = apiClient(app);
    });
    afterAll(() => opened?.cleanup());

    const addSite = async (body: Record<string, unknown>) => {
      const response = await api.http.post('/api/sites').send(body);
      expect(response.status).toBe(201);
      return response.body.data as { id: string; name: string; timezone: string };
    };
    const slots = async (doctorId: string, date: string, extra = '') =>
      (await api.http.get(`/api/availability?doctorId=${doctorId}&date=${date}${extra}`)).body.data.slots as Slot[];

    it('always lists the default site in CLINIC_TIMEZONE, and a clinic with one site answers slots as before', async () => {
      const listed = await api.http.get('/api/sites');
      expect(listed.status).toBe(200);
      expect(listed.body.data).toEqual([expect.objectContaining({ name: 'Main site', timezone: LONDON, isDefault: true, address: null })]);
      const doctor = await api.doctor();
      const day = nextWeekday(2, 1);
      expect((await slots(doctor.id, day))[0]).toEqual({ start: iso(at(day, '09:00', LONDON)), end: iso(at(day, '09:30', LONDON)) });
    });

    it('adds and changes sites, refusing bad zones, unknown fields and a zone for the default site', async () => {
      const north = await addSite({ name: 'North', address: '1 High Street, Leeds', timezone: LONDON });
      expect(north).toMatchObject({ name: 'North', address: '1 High Street, Leeds', timezone: LONDON, isDefault: false });
      const bad = await api.http.post('/api/sites').send({ name: 'Nowhere', timezone: 'Mars/Olympus' });
      expect([bad.status, bad.body.error.code, bad.body.error.details[0].path]).toEqual([400, 'VALIDATION_ERROR', 'timezone']);
      expect((await api.http.post('/api/sites').send({ name: 'X', timezone: LONDON, colour: 'red' })).status).toBe(400);
      expect((await api.http.post('/api/sites').send({ timezone: LONDON })).status).toBe(400);

      const renamed = await api.http.patch(`/api/sites/${north.id}`).send({ name: 'North Leeds', address: null });
      expect(renamed.body.data).toMatchObject({ name: 'North Leeds', address: null, timezone: LONDON });
      const main = (await api.http.get('/api/sites')).body.data[0] as { id: string };
      const moved = await api.http.patch(`/api/sites/${main.id}`).send({ timezone: NEW_YORK });
      expect([moved.status, moved.body.error.details[0].path]).toEqual([400, 'timezone']);
      expect((await api.http.patch(`/api/sites/${main.id}`).send({ address: '2 Clinic Road' })).body.data).toMatchObject({
        isDefault: true,
        address: '2 Clinic Road',
        timezone: LONDON,
      });
      expect((await api.http.patch(`/api/sites/${unknown}`).send({ name: 'Y' })).status).toBe(404);
      expect((await api.http.get('/api/sites')).body.data.map((site: { name: string }) => site.name)).toEqual(['Main site', 'North Leeds']);
    });

    it('refuses a schedule or rota window at a site that does not exist, writing nothing', async () => {
      const weekly = { mon: [{ start: '09:00', end: '12:00', siteId: unknown }] };
      const created = await api.http.post('/api/doctors').send({ name: 'Dr. Nowhere', specialty: 'GP', schedule: { weekly } });
      expect([created.status, created.body.error.details[0].path]).toEqual([400, 'schedule.weekly.mon.0.siteId']);
      const doctor = await api.doctor();
      const rota = await api.http.put(`/api/doctors/${doctor.id}/schedule`).send({ weekly });
      expect([rota.status, rota.body.error.details[0].path]).toEqual([400, 'weekly.mon.0.siteId']);
      expect((await api.http.get(`/api/doctors/${doctor.id}`)).body.data.schedule).toBeNull();
    });

    it('reads each window in its own site’s zone: a London morning and a New York afternoon on one day', async () => {
      const north = await addSite({ name: 'North', timezone: LONDON });
      const newYork = await addSite({ name: 'New York', timezone: NEW_YORK });
      const monday = nextWeekday(1, 2);
      const doctor = await api.doctor({
        schedule: {
          weekly: {
            mon: [
              { start: '09:00', end: '10:00', siteId: north.id },
              { start: '09:00', end: '10:00', siteId: newYork.id },
            ],
          },
        },
      });
      expect(await slots(doctor.id, monday)).toEqual([
        ...['09:00', '09:30'].map((time) => ({
          start: iso(at(monday, time, LONDON)),
          end: new Date(new Date(at(monday, time, LONDON)).getTime() + 30 * 60_000).toISOString(),
          siteId: north.id,
          timezone: LONDON,
        })),
        ...['09:00', '09:30'].map((time) => ({
          start: iso(at(monday, time, NEW_YORK)),
          end: new Date(new Date(at(monday, time, NEW_YORK)).getTime() + 30 * 60_000).toISOString(),
          siteId: newYork.id,
          timezone: NEW_YORK,
        })),
      ]);

      const patient = await api.patient();
      const booked = await api.http
        .post('/api/appointments')
        .send({ doctorId: doctor.id, patientId: patient.id, start: at(monday, '09:30', NEW_YORK) });
      expect(booked.status).toBe(201);
      expect(booked.body.data.site).toEqual({ id: newYork.id, name: 'New York', timezone: NEW_YORK });
      // 10:30 in London is outside both windows; 09:30 in New York is inside its own.
      const outside = await api.http
        .post('/api/appointments')
        .send({ doctorId: doctor.id, patientId: patient.id, start: at(monday, '10:30', LONDON) });
      expect([outside.status, outside.body.error.code]).toEqual([422, 'OUTSIDE_WORKING_HOURS']);

      const moved = await api.http.post(`/api/appointments/${booked.body.data.id}/reschedule`).send({ start: at(monday, '09:00', LONDON) });
      expect(moved.status).toBe(200);
      expect(moved.body.data.site).toEqual({ id: north.id, name: 'North', timezone: LONDON });
      expect((await api.http.get(`/api/appointments/${booked.body.data.id}`)).body.data.site.id).toBe(north.id);
    });

    it('keeps one doctor from being in two sites at once: the overlap rule is per doctor across zones', async () => {
      const north = await addSite({ name: 'North', timezone: LONDON });
      const newYork = await addSite({ name: 'New York', timezone: NEW_YORK });
      // In January 14:00 in London is 09:00 in New York: the two windows are the same hours.
      const day = DateTime.fromISO(`${DateTime.now().year + 1}-01-12`).toISODate()!;
      const everyDay = (window: Record<string, string>) =>
        Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [window]]));
      const doctor = await api.doctor({
        schedule: {
          weekly: Object.fromEntries(
            Object.keys(everyDay({})).map((d) => [
              d,
              [
                { start: '14:00', end: '16:00', siteId: north.id },
                { start: '09:00', end: '11:00', siteId: newYork.id },
              ],
            ]),
          ),
        },
      });
      const [ana, ben] = [await api.patient(), await api.patient()];
      const london = await api.http
        .post('/api/appointments')
        .send({ doctorId: doctor.id, patientId: ana.id, start: at(day, '14:00', LONDON) });
      expect(london.status).toBe(201);
      const remote = await api.http
        .post('/api/appointments')
        .send({ doctorId: doctor.id, patientId: ben.id, start: at(day, '09:00', NEW_YORK) });
      expect([remote.status, remote.body.error.code]).toEqual([409, 'BOOKING_CONFLICT']);
      const offered = (await slots(doctor.id, day)).map((slot) => slot.start);
      expect(offered).not.toContain(iso(at(day, '09:00', NEW_YORK)));
      expect(offered).not.toContain(iso(at(day, '14:00', LONDON)));
    });

    it('lets staff run Dr. A across two sites with a visit type, time off and a calendar feed', async () => {
      const north = await addSite({ name: 'North', address: '1 High Street, Leeds', timezone: LONDON });
      const newYork = await addSite({ name: 'New York', address: '5 Park Ave', timezone: NEW_YORK });
      const doctor = await api.doctor({ name: 'Dr. A' });
      const [monday, wednesday, thursday, friday] = [1, 3, 4, 5].map((weekday) => nextWeekday(weekday, 5));
      const nextMonth = DateTime.fromISO(monday!).minus({ days: 7 }).toISODate()!;
      const morning = { start: '09:00', end: '12:00', siteId: north.id };
      const rota = await api.http.put(`/api/doctors/${doctor.id}/schedule`).send({
        effectiveFrom: nextMonth,
        weekly: {
          mon: [morning],
          wed: [morning],
          thu: [{ start: '13:00', end: '17:00', siteId: newYork.id }],
          fri: [{ start: '09:00', end: '17:00' }],
        },
      });
      expect(rota.status).toBe(200);
      const type = (
        await api.http.post(`/api/doctors/${doctor.id}/visit-types`).send({ name: 'New patient', durationMinutes: 45, bufferMinutes: 10 })
      ).body.data as { id: string };
      const patient = await api.patient();
      const booked = await api.http
        .post('/api/appointments')
        .send({ doctorId: doctor.id, patientId: patient.id, start: at(monday!, '10:00', LONDON), visitTypeId: type.id });
      expect(booked.status).toBe(201);
      expect(booked.body.data).toMatchObject({
        visitType: { name: 'New patient' },
        bufferMinutes: 10,
        site: { id: north.id, timezone: LONDON },
      });
      const off = await api.http
        .post(`/api/doctors/${doctor.id}/time-off`)
        .send({ start: `${friday}T13:00:00`, end: `${friday}T17:00:00`, reason: 'training' });
      expect(off.status).toBe(201);

      const withType = `&visitTypeId=${type.id}`;
      const mondayStarts = (await slots(doctor.id, monday!, withType)).map((slot) => slot.start);
      // 09:00 and its buffer end at 09:55; 09:30 would run into 10:00, 10:30 into the buffer (10:45-10:55); 11:00's buffer ends at 11:55.
      expect(mondayStarts).toEqual([iso(at(monday!, '09:00', LONDON)), iso(at(monday!, '11:00', LONDON))]);
      expect((await slots(doctor.id, wednesday!, withType)).map((slot) => slot.start)).toContain(iso(at(wednesday!, '09:00', LONDON)));
      const thursdaySlots = await slots(doctor.id, thursday!);
      expect(thursdaySlots[0]).toMatchObject({ start: iso(at(thursday!, '13:00', NEW_YORK)), siteId: newYork.id, timezone: NEW_YORK });
      const fridayStarts = (await slots(doctor.id, friday!)).map((slot) => slot.start);
      expect(fridayStarts.at(-1)).toBe(iso(at(friday!, '12:30', LONDON)));

      const other = await api.patient();
      const inNewYork = await api.http
        .post('/api/appointments')
        .send({ doctorId: doctor.id, patientId: other.id, start: at(thursday!, '13:00', NEW_YORK) });
      expect(inNewYork.body.data.site).toEqual({ id: newYork.id, name: 'New York', timezone: NEW_YORK });

      const { calendarUrl } = (await api.http.get(`/api/doctors/${doctor.id}`)).body.data as { calendarUrl: string };
      const feed = await request(app).get(new URL(calendarUrl).pathname + new URL(calendarUrl).search);
      const calendar = new ICAL.Component(ICAL.parse(feed.text));
      const [event, thursdayEvent] = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
      expect(event!.startDate.toJSDate().toISOString()).toBe(iso(at(monday!, '10:00', LONDON)));
      expect(event!.endDate.toJSDate().toISOString()).toBe(iso(at(monday!, '10:45', LONDON)));
      expect([event!.startDate.zone?.tzid, event!.location]).toEqual([LONDON, 'North']);
      expect([thursdayEvent!.startDate.zone?.tzid, thursdayEvent!.location]).toEqual([NEW_YORK, 'New York']);
      expect(thursdayEvent!.startDate.toJSDate().toISOString()).toBe(iso(at(thursday!, '13:00', NEW_YORK)));
      const zones = calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'));
      expect([...zones].sort()).toEqual([NEW_YORK, LONDON].sort());
    });
  });
}
