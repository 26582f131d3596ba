import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableEngines, type OpenedStore } from '../helpers/engines.js';
import { at } from '../helpers/factories.js';
import { apiClient, signInAs, testApp } from '../helpers/http.js';

const engines = await availableEngines();
const LONDON = 'Europe/London';

/** The clinic-local date of the next given weekday (1 = Monday) at least `weeks` weeks ahead. */
function nextWeekday(weekday: number, weeks: number): string {
  const today = DateTime.now().setZone(LONDON).startOf('day');
  return today.plus({ days: ((weekday - today.weekday + 7) % 7) + 7 * weeks }).toISODate()!;
}

for (const engine of engines) {
  describe(`Dated rotas on ${engine.name}`, () => {
    let opened: OpenedStore;
    let app: ReturnType<typeof testApp>;
    let api: ReturnType<typeof apiClient>;
    beforeAll(async () => {
      opened = await engine.open();
      app = testApp(opened.store, { config: { clinic: { timezone: LONDON, startHour: 9, endHour: 17, defaultSlotMinutes: 30 } } });
      api = apiClient(app);
    });
    afterAll(() => opened?.cleanup());

    const slotStarts = async (doctorId: string, date: string) =>
      (await api.http.get(`/api/availability?doctorId=${doctorId}&date=${date}`)).body.data.slots.map(
        (slot: { start: string }) => slot.start,
      );

    it('takes effect from its date: earlier days keep the hours they had, later ones get the new week', async () => {
      const doctor = await api.doctor();
      const [mondayBefore, from, mondayAfter, thursdayAfter] = [nextWeekday(1, 1), nextWeekday(1, 2), nextWeekday(1, 3), nextWeekday(4, 3)];
      const kept = await api.http
        .post('/api/appointments')
        .send({ doctorId: doctor.id, patientId: (await api.patient()).id, start: at(mondayAfter, '15:00', LONDON) });
      const fine = await api.http
        .post('/api/appointments')
        .send({ doctorId: doctor.id, patientId: (await api.patient()).id, start: at(mondayAfter, '10:00', LONDON) });
      expect([kept.status, fine.status]).toEqual([201, 201]);

      const weekly = {
        mon: [{ start: '09:00', end: '12:00' }],
        wed: [{ start: '09:00', end: '12:00' }],
        thu: [{ start: '13:00', end: '17:00' }],
      };
      const set = await api.http.put(`/api/doctors/${doctor.id}/schedule`).send({ effectiveFrom: from, weekly });
      expect(set.status).toBe(200);
      expect(set.body.data).toMatchObject({ effectiveFrom: from, weekly });
      expect(set.body.data.outsideHours.map((a: { id: string }) => a.id)).toEqual([kept.body.data.id]);

      expect(await slotStarts(doctor.id, mondayBefore)).toHaveLength(16);
      expect(await slotStarts(doctor.id, mondayAfter)).toEqual(
        ['09:00', '09:30', '10:30', '11:00', '11:30'].map((time) => at(mondayAfter, time, LONDON)),
      );
      expect((await slotStarts(doctor.id, thursdayAfter))[0]).toBe(at(thursdayAfter, '13:00', LONDON));
      expect(await slotStarts(doctor.id, nextWeekday(2, 3))).toEqual([]);

      const refused = await api.http
        .post('/api/appointments')
        .send({ doctorId: doctor.id, patientId: (await api.patient()).id, start: at(mondayAfter, '14:00', LONDON) });
      expect([refused.status, refused.body.error.code]).toEqual([422, 'OUTSIDE_WORKING_HOURS']);
    });

    it('says which rota applies on a date, and replaces one that starts the same day', async () => {
      const doctor = await api.doctor();
      const [first, second] = [nextWeekday(3, 1), nextWeekday(3, 4)];
      const before = await api.http.get(`/api/doctors/${doctor.id}/schedule?date=${first}`);
      expect(before.body.data).toMatchObject({ effectiveFrom: null, weekly: { mon: [{ start: '09:00', end: '17:00' }] } });

      await api.http
        .put(`/api/doctors/${doctor.id}/schedule`)
        .send({ effectiveFrom: first, weekly: { wed: [{ start: '08:00', end: '10:00' }] } })
        .expect(200);
      await api.http
        .put(`/api/doctors/${doctor.id}/schedule`)
        .send({ effectiveFrom: second, weekly: { wed: [{ start: '14:00', end: '16:00' }] } })
        .expect(200);
      await api.http
        .put(`/api/doctors/${doctor.id}/schedule`)
        .send({ effectiveFrom: first, weekly: { wed: [{ start: '07:00', end: '09:00' }] } })
        .expect(200);

      const between = await api.http.get(`/api/doctors/${doctor.id}/schedule?date=${nextWeekday(3, 2)}`);
      expect(between.body.data).toEqual({ effectiveFrom: first, weekly: { wed: [{ start: '07:00', end: '09:00' }] } });
      const later = await api.http.get(`/api/doctors/${doctor.id}/schedule?date=${second}`);
      expect(later.body.data.effectiveFrom).toBe(second);
      expect(
        (await api.http.get(`/api/doctors/${doctor.id}`)).body.data.schedule.rotas.map((r: { effectiveFrom: string }) => r.effectiveFrom),
      ).toEqual([first, second]);
    });

    it('starts today when no date is given, refuses a past date or bad windows with 400, and an unknown doctor with 404', async () => {
      const doctor = await api.doctor();
      const today = DateTime.now().setZone(LONDON).toISODate()!;
      const now = await api.http.put(`/api/doctors/${doctor.id}/schedule`).send({ weekly: { fri: [{ start: '09:00', end: '10:00' }] } });
      expect(now.body.data.effectiveFrom).toBe(today);
      const yesterday = DateTime.now().setZone(LONDON).minus({ days: 1 }).toISODate()!;
      for (const [body, path] of [
        [{ effectiveFrom: yesterday, weekly: {} }, 'effectiveFrom'],
        [{ weekly: { mon: [{ start: '12:00', end: '09:00' }] } }, 'weekly.mon.0.end'],
        [{ weekly: { funday: [] } }, 'weekly.funday'],
        [{ effectiveFrom: '2031-02-30', weekly: {} }, 'effectiveFrom'],
      ] as const) {
        const response = await api.http.put(`/api/doctors/${doctor.id}/schedule`).send(body);
        expect([response.status, response.body.error.details[0].path]).toEqual([400, path]);
      }
      const unknown = engine.name === 'mongodb' ? '0123456789abcdef01234567' : '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d';
      expect((await api.http.put(`/api/doctors/${unknown}/schedule`).send({ weekly: {} })).status).toBe(404);
    });

    it('lets staff set rotas and a doctor account read only its own', async () => {
      const [mine, other] = [await api.doctor(), await api.doctor()];
      const staff = await signInAs(app, opened.store, 'staff');
      expect(
        (await staff.http.put(`/api/doctors/${mine.id}/schedule`).send({ weekly: { mon: [{ start: '09:00', end: '11:00' }] } })).status,
      ).toBe(200);
      const { http } = await signInAs(app, opened.store, 'doctor', { doctorId: mine.id });
      expect((await http.get(`/api/doctors/${mine.id}/schedule`)).status).toBe(200);
      expect((await http.get(`/api/doctors/${other.id}/schedule`)).status).toBe(404);
      expect((await http.put(`/api/doctors/${mine.id}/schedule`).send({ weekly: {} })).status).toBe(403);
    });
  });
}

describe('rotas across the clock changes', () => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await engines[0]!.open();
  });
  afterAll(() => opened?.cleanup());

  // The next transition days after today: March's spring forward and the autumn's fall back.
  const transitions = (zone: string) => {
    const found: string[] = [];
    for (let day = DateTime.now().setZone(zone).startOf('day').plus({ days: 1 }); found.length < 2; day = day.plus({ days: 1 })) {
      const hours = day.plus({ days: 1 }).diff(day, 'hours').hours;
      if (hours !== 24) found.push(day.toISODate()!);
    }
    return found;
  };
  const walls = (slots: Array<{ start: string }>, zone: string) =>
    slots.map((slot) => DateTime.fromISO(slot.start, { zone }).toFormat('HH:mm'));

  it.each([
    ['America/New_York', '01:00', '04:00'],
    ['Europe/London', '00:30', '03:00'],
  ])('in %s shortens a window across the spring-forward gap and offers the repeated autumn hour once', async (zone, start, end) => {
    const app = testApp(opened.store, { config: { clinic: { timezone: zone, startHour: 9, endHour: 17, defaultSlotMinutes: 30 } } });
    const api = apiClient(app);
    const doctor = await api.doctor();
    const [first, second] = transitions(zone);
    const spring = first!.slice(5, 7) === '03' ? first! : second!;
    const autumn = spring === first ? second! : first!;
    const weekday = DateTime.fromISO(spring).toFormat('ccc').toLowerCase();
    const rota = { [weekday]: [{ start, end }] };
    await api.http.put(`/api/doctors/${doctor.id}/schedule`).send({ weekly: rota }).expect(200);
    const slotsOn = async (date: string) => (await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${date}`)).body.data.slots;

    // Spring: the missing hour is not worked, and nothing moves: the window is an hour shorter.
    const springSlots = await slotsOn(spring);
    expect(walls(springSlots, zone)).toEqual(zone === 'Europe/London' ? ['00:30', '02:00', '02:30'] : ['01:00', '01:30', '03:00', '03:30']);
    // Autumn: the hour lived twice is offered once, at the wall times the rota names.
    const autumnSlots = await slotsOn(autumn);
    const expected =
      zone === 'Europe/London' ? ['00:30', '01:00', '01:30', '02:00', '02:30'] : ['01:00', '01:30', '02:00', '02:30', '03:00', '03:30'];
    expect(walls(autumnSlots, zone)).toEqual(expected);
  });
});
