import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, futureDate, unique } from '../helpers/factories.js';
import { capturingLogger, openPgliteWithSql, rejectionCheck } from '../helpers/hostile.js';
import { apiClient, testApp } from '../helpers/http.js';

let cleanup: () => Promise<void>;
let expectRejected: ReturnType<typeof rejectionCheck>;
let api: ReturnType<typeof apiClient>;
let shortHorizon: ReturnType<typeof apiClient>;
let doctorId: string;
let patientId: string;
let appointmentId: string;
const day = futureDate(6);

beforeAll(async () => {
  const opened = await openPgliteWithSql();
  cleanup = opened.cleanup;
  const { logger, entries } = capturingLogger();
  expectRejected = rejectionCheck(opened.db, entries);
  api = apiClient(testApp(opened.store, { logger }));
  shortHorizon = apiClient(testApp(opened.store, { logger, config: { bookingHorizonDays: 10 } }));
  [doctorId, patientId] = [(await api.doctor()).id, (await api.patient()).id];
  appointmentId = (await api.http.post('/api/appointments').send({ doctorId, patientId, start: at(day, '09:00') })).body.data.id;
});
afterAll(() => cleanup?.());

const book = (start: string, client = api) => client.http.post('/api/appointments').send({ doctorId, patientId, start });
const newPatient = (dateOfBirth: string) =>
  api.http.post('/api/patients').send({ name: 'Born Someday', email: `born.${unique()}@example.org`, dateOfBirth });

describe('dates out of range answer 400, not 500', () => {
  it.each(['9999-12-31', '0000-01-01', '1899-12-31', '2026-02-30'])('?date=%s on availability and on the list', async (date) => {
    await expectRejected(() => api.http.get(`/api/availability?doctorId=${doctorId}&date=${date}`), 400, 'VALIDATION_ERROR');
    await expectRejected(() => api.http.get(`/api/appointments?date=${date}`), 400, 'VALIDATION_ERROR');
  });

  it.each(['from', 'to'])('?%s= with the year 0000 or 9999', async (bound) => {
    for (const value of ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59-12:00', '1990-01-01T99:99:99Z']) {
      const response = await expectRejected(
        () => api.http.get(`/api/appointments?${bound}=${encodeURIComponent(value)}`),
        400,
        'VALIDATION_ERROR',
      );
      expect(response.body.error.details[0].path).toBe(bound);
    }
  });

  it('still lists by a day and a range within the years', async () => {
    const listed = await api.http.get(`/api/appointments?date=${day}&from=1900-01-01T00:00:00Z&to=9998-12-31T00:00:00Z`);
    expect([listed.status, listed.body.meta.total]).toEqual([200, 1]);
  });
});

describe('offsets', () => {
  it.each(['+99:00', '+14:01', '-14:30', '+1500', '+24:00'])('400s a start with the offset %s', async (offset) => {
    const response = await expectRejected(() => book(`${day}T10:00:00${offset}`), 400, 'VALIDATION_ERROR');
    expect(response.body.error.details[0].path).toBe('start');
  });

  it('books at the instant an offset of +14:00 or -12:00 names', async () => {
    const east = await book(`${day}T23:30:00+14:00`);
    expect([east.status, east.body.data.start]).toEqual([201, `${day}T09:30:00.000Z`]);
    const west = await book(`${DateTime.fromISO(day).minus({ days: 1 }).toISODate()}T22:00:00-12:00`);
    expect([west.status, west.body.data.start]).toEqual([201, `${day}T10:00:00.000Z`]);
  });
});

describe('the booking horizon (BOOKING_HORIZON_DAYS, default 730)', () => {
  it('400s a booking in the year 9999', async () => {
    await expectRejected(() => book('9999-03-01T10:00:00Z'), 400, 'VALIDATION_ERROR');
  });

  it('400s a booking past the horizon and takes one just inside it', async () => {
    const beyond = await expectRejected(() => book(at(futureDate(732), '10:00')), 400, 'VALIDATION_ERROR');
    expect(beyond.body.error.details).toEqual([{ path: 'start', message: 'must be at most 730 days ahead' }]);
    expect((await book(at(futureDate(729), '10:00'))).status).toBe(201);
  });

  it('follows the configured horizon for bookings and reschedules', async () => {
    await expectRejected(() => book(at(futureDate(12), '10:00'), shortHorizon), 400, 'VALIDATION_ERROR');
    await expectRejected(
      () => shortHorizon.http.post(`/api/appointments/${appointmentId}/reschedule`).send({ start: at(futureDate(12), '10:00') }),
      400,
      'VALIDATION_ERROR',
    );
    const moved = await shortHorizon.http.post(`/api/appointments/${appointmentId}/reschedule`).send({ start: at(futureDate(9), '10:00') });
    expect(moved.status).toBe(200);
  });
});

describe('birth dates between 1900-01-01 and today', () => {
  it.each(['0000-01-01', '0001-01-01', '1899-12-31', '1990-01-01T99:99:99Z', '1990-02-30T00:00:00Z', futureDate(1)])(
    '400s %s and stores no patient',
    async (dateOfBirth) => {
      const response = await expectRejected(() => newPatient(dateOfBirth), 400, 'VALIDATION_ERROR');
      expect(response.body.error.details[0].path).toBe('dateOfBirth');
    },
  );

  it('keeps 1900-01-01, today and a full instant read as its day', async () => {
    const today = DateTime.now().toISODate()!;
    for (const [sent, stored] of [
      ['1900-01-01', '1900-01-01'],
      [today, today],
      ['1985-06-15T00:00:00.000Z', '1985-06-15'],
    ]) {
      const response = await newPatient(sent!);
      expect([response.status, response.body.data.dateOfBirth]).toEqual([201, stored]);
    }
  });
});
