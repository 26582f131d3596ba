import { describe, expect, it } from 'vitest';
import { parse } from '../../src/controllers/parse.js';
import { availabilityQuery, bookAppointmentBody, listAppointmentsQuery } from '../../src/schemas/appointments.js';
import { idParams, pagingQuery } from '../../src/schemas/common.js';
import { createDoctorBody, updateDoctorBody } from '../../src/schemas/doctors.js';
import { createPatientBody } from '../../src/schemas/patients.js';

const ids = { doctorId: '507f1f77bcf86cd799439011', patientId: '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d' };
const detailsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { details: unknown }).details;
  }
  throw new Error('expected a validation error');
};

describe('booking body', () => {
  it('accepts start with an offset and leaves end optional', () => {
    expect(parse(bookAppointmentBody, { ...ids, start: '2026-03-02T10:00:00+01:00' }, 'body')).toEqual({
      ...ids,
      start: '2026-03-02T10:00:00+01:00',
    });
  });

  it('reads the original API’s startTime and endTime', () => {
    const body = parse(bookAppointmentBody, { ...ids, startTime: '2026-03-02T10:00:00Z', endTime: '2026-03-02T10:30:00Z' }, 'body');
    expect(body).toMatchObject({ start: '2026-03-02T10:00:00Z', end: '2026-03-02T10:30:00Z' });
  });

  it('rejects unknown fields such as status by name', () => {
    expect(detailsOf(() => parse(bookAppointmentBody, { ...ids, start: '2026-03-02T10:00:00Z', status: 'CANCELLED' }, 'body'))).toEqual([
      { path: 'status', message: 'is not an accepted field' },
    ]);
  });

  it('lists every bad field at once', () => {
    const details = detailsOf(() => parse(bookAppointmentBody, { doctorId: 'nope', start: 'tomorrow' }, 'body')) as Array<{ path: string }>;
    expect(details.map((detail) => detail.path).sort()).toEqual(['doctorId', 'patientId', 'start']);
  });

  it('treats a missing body as an empty object', () => {
    expect((detailsOf(() => parse(bookAppointmentBody, undefined, 'body')) as unknown[]).length).toBe(3);
  });
});

describe('ids and paging', () => {
  it('accepts ObjectId hex and UUIDs and rejects anything else', () => {
    expect(parse(idParams, { id: ids.doctorId }, 'params')).toEqual({ id: ids.doctorId });
    expect(parse(idParams, { id: ids.patientId }, 'params')).toEqual({ id: ids.patientId });
    expect(detailsOf(() => parse(idParams, { id: 'invalid-id' }, 'params'))).toEqual([{ path: 'id', message: 'must be a valid id' }]);
  });

  it('defaults to 100, caps at 500, and reads skip as offset', () => {
    expect(parse(pagingQuery, {}, 'query')).toEqual({ limit: 100, offset: 0 });
    expect(parse(pagingQuery, { limit: '20', skip: '40' }, 'query')).toEqual({ limit: 20, offset: 40 });
    expect(parse(pagingQuery, { skip: '40', offset: '10' }, 'query')).toEqual({ limit: 100, offset: 10 });
    expect(detailsOf(() => parse(pagingQuery, { limit: '501' }, 'query'))).toMatchObject([{ path: 'limit' }]);
  });

  it('validates the appointments filter', () => {
    expect(parse(listAppointmentsQuery, { date: '2026-03-02', status: 'BOOKED' }, 'query')).toMatchObject({
      date: '2026-03-02',
      status: 'BOOKED',
    });
    expect(detailsOf(() => parse(listAppointmentsQuery, { date: '2026-02-30' }, 'query'))).toMatchObject([{ path: 'date' }]);
  });

  it('accepts slotMinutes as the original name of duration', () => {
    expect(parse(availabilityQuery, { doctorId: ids.doctorId, date: '2026-03-02', slotMinutes: '45' }, 'query')).toEqual({
      doctorId: ids.doctorId,
      date: '2026-03-02',
      duration: 45,
    });
  });
});

describe('doctor and patient bodies', () => {
  it('refuses overlapping windows in one day of a schedule', () => {
    const schedule = {
      weekly: {
        mon: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
      },
    };
    expect(detailsOf(() => parse(createDoctorBody, { name: 'Dr. A', specialty: 'GP', schedule }, 'body'))).toMatchObject([
      { path: 'schedule.weekly.mon' },
    ]);
  });

  it('refuses a window that ends before it starts and an unknown weekday', () => {
    const schedule = { weekly: { mon: [{ start: '12:00', end: '09:00' }], funday: [] } };
    const paths = (
      detailsOf(() => parse(createDoctorBody, { name: 'Dr. A', specialty: 'GP', schedule }, 'body')) as Array<{ path: string }>
    ).map((d) => d.path);
    expect(paths.sort()).toEqual(['schedule.weekly.funday', 'schedule.weekly.mon.0.end']);
  });

  it('needs at least one field to update', () => {
    expect(detailsOf(() => parse(updateDoctorBody, {}, 'body'))).toMatchObject([{ message: 'send at least one field to change' }]);
  });

  it('checks the email and refuses a birth date in the future', () => {
    const paths = (
      detailsOf(() => parse(createPatientBody, { name: 'A', email: 'not-an-email', dateOfBirth: '2999-01-01' }, 'body')) as Array<{
        path: string;
      }>
    ).map((d) => d.path);
    expect(paths.sort()).toEqual(['dateOfBirth', 'email']);
  });

  it('takes the day of a birth date sent as a full ISO instant', () => {
    expect(parse(createPatientBody, { name: 'A', email: 'a@example.org', dateOfBirth: '1990-05-15T00:00:00.000Z' }, 'body')).toMatchObject({
      dateOfBirth: '1990-05-15',
    });
  });

  it('trims names and keeps the email as typed', () => {
    expect(parse(createPatientBody, { name: '  Ana  ', email: ' Ana@Example.org ' }, 'body')).toEqual({
      name: 'Ana',
      email: 'Ana@Example.org',
    });
  });
});
