import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate } from '../helpers/factories.js';
import { apiClient, testApp } from '../helpers/http.js';

let opened: OpenedStore;
let api: ReturnType<typeof apiClient>;
const day = futureDate(5);
beforeAll(async () => {
  opened = await openPgliteStore();
  api = apiClient(testApp(opened.store));
});
afterAll(() => opened?.cleanup());

const book = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  api.http.post('/api/appointments').set(headers).send(body);

describe('POST /api/appointments', () => {
  it('books a slot, defaulting end to the doctor’s slot length', async () => {
    const doctor = await api.doctor({ slotMinutes: 20 });
    const patient = await api.patient();
    const response = await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '10:00'), reason: 'Check-up' });
    expect(response.status).toBe(201);
    expect(response.body.data).toMatchObject({
      doctorId: doctor.id,
      patientId: patient.id,
      start: `${day}T10:00:00.000Z`,
      end: `${day}T10:20:00.000Z`,
      status: 'BOOKED',
      reason: 'Check-up',
      doctor: { id: doctor.id, name: doctor.name },
      patient: { id: patient.id, name: patient.name },
    });
    expect(response.body.data._id).toBe(response.body.data.id);
    expect(response.body.data.patient).not.toHaveProperty('email');
  });

  it('normalises an offset to UTC', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const response = await book({
      doctorId: doctor.id,
      patientId: patient.id,
      start: `${day}T12:00:00+02:00`,
      end: `${day}T12:30:00+02:00`,
    });
    expect([response.status, response.body.data.start]).toEqual([201, `${day}T10:00:00.000Z`]);
  });

  it('rejects an overlap by one minute with 409 BOOKING_CONFLICT and allows back-to-back', async () => {
    const doctor = await api.doctor();
    const [first, second, third] = [await api.patient(), await api.patient(), await api.patient()];
    expect((await book({ doctorId: doctor.id, patientId: first.id, start: at(day, '11:00'), end: at(day, '11:30') })).status).toBe(201);
    const clash = await book({ doctorId: doctor.id, patientId: second.id, start: at(day, '11:29'), end: at(day, '11:59') });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({ code: 'BOOKING_CONFLICT', message: 'Time slot not available' });
    expect((await book({ doctorId: doctor.id, patientId: third.id, start: at(day, '11:30'), end: at(day, '12:00') })).status).toBe(201);
  });

  it('rejects a patient double-booked with another doctor with 409 PATIENT_CONFLICT', async () => {
    const [a, b, patient] = [await api.doctor(), await api.doctor(), await api.patient()];
    await book({ doctorId: a.id, patientId: patient.id, start: at(day, '13:00') });
    const response = await book({ doctorId: b.id, patientId: patient.id, start: at(day, '13:15') });
    expect([response.status, response.body.error.code]).toEqual([409, 'PATIENT_CONFLICT']);
  });

  it('rejects a start in the past with 422 PAST_APPOINTMENT', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const response = await book({ doctorId: doctor.id, patientId: patient.id, start: at(futureDate(-1), '10:00') });
    expect([response.status, response.body.error.code]).toEqual([422, 'PAST_APPOINTMENT']);
  });

  it('rejects times outside working hours with 422 OUTSIDE_WORKING_HOURS', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    for (const [start, end] of [
      ['08:30', '09:00'],
      ['16:45', '17:15'],
      ['20:00', '20:30'],
    ]) {
      const response = await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, start!), end: at(day, end!) });
      expect([response.status, response.body.error.code]).toEqual([422, 'OUTSIDE_WORKING_HOURS']);
    }
    expect((await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '16:30'), end: at(day, '17:00') })).status).toBe(201);
  });

  it('follows a doctor’s own weekly schedule', async () => {
    const weekday = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][(new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7]!;
    const doctor = await api.doctor({ schedule: { weekly: { [weekday]: [{ start: '18:00', end: '20:00' }] } } });
    const patient = await api.patient();
    expect((await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '10:00') })).body.error.code).toBe(
      'OUTSIDE_WORKING_HOURS',
    );
    expect((await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '18:30') })).status).toBe(201);
  });

  it('rejects bad lengths and an end before the start with 400', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    for (const end of [at(day, '09:59'), at(day, '10:04'), at(day, '18:01')]) {
      const response = await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '10:00'), end });
      expect([response.status, response.body.error.details[0].path]).toEqual([400, 'end']);
    }
  });

  it('404s an unknown doctor or patient and 400s malformed ids, writing nothing', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const noDoctor = await book({ doctorId: '507f1f77bcf86cd799439011', patientId: patient.id, start: at(day, '10:00') });
    expect([noDoctor.status, noDoctor.body.error.message]).toEqual([404, 'Doctor not found']);
    const noPatient = await book({ doctorId: doctor.id, patientId: '0193a0c4-7b1e-7c8e-9d2a-5f3e1c2b4a6d', start: at(day, '10:00') });
    expect([noPatient.status, noPatient.body.error.message]).toEqual([404, 'Patient not found']);
    expect((await book({ doctorId: 'x', patientId: patient.id, start: at(day, '10:00') })).status).toBe(400);
    expect((await opened.store.appointments.list({ doctorId: doctor.id, limit: 10, offset: 0 })).total).toBe(0);
  });

  it('refuses status in the body instead of letting a client set it', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const response = await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '10:00'), status: 'CANCELLED' });
    expect([response.status, response.body.error.details]).toEqual([400, [{ path: 'status', message: 'is not an accepted field' }]]);
  });
});

describe('concurrent bookings over HTTP', () => {
  it('gives exactly one 201 to 50 simultaneous requests for one slot', async () => {
    const doctor = await api.doctor();
    const patients = await Promise.all(Array.from({ length: 50 }, () => api.patient()));
    const responses = await Promise.all(
      patients.map((patient) => book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '15:00') })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array(49).fill(409)]);
    expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.error.code))).toEqual(new Set(['BOOKING_CONFLICT']));
    expect((await opened.store.appointments.list({ doctorId: doctor.id, statuses: ['BOOKED'], limit: 100, offset: 0 })).total).toBe(1);
  });

  it('keeps 30 simultaneous staggered bookings free of overlaps', async () => {
    const doctor = await api.doctor();
    const patients = await Promise.all(Array.from({ length: 30 }, () => api.patient()));
    const base = new Date(at(day, '09:00')).getTime();
    await Promise.all(
      patients.map((patient, i) =>
        book({
          doctorId: doctor.id,
          patientId: patient.id,
          start: new Date(base + i * 7 * 60_000).toISOString(),
          end: new Date(base + (i * 7 + 20) * 60_000).toISOString(),
        }),
      ),
    );
    const { items } = await opened.store.appointments.list({ doctorId: doctor.id, statuses: ['BOOKED'], limit: 100, offset: 0 });
    expect(items.length).toBeGreaterThan(5);
    const overlapping = items.filter((a, i) => items.some((b, j) => j > i && a.start < b.end && b.start < a.end));
    expect(overlapping).toEqual([]);
  });
});
