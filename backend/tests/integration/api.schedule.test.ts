import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate } from '../helpers/factories.js';
import { apiClient, testApp } from '../helpers/http.js';

const LONDON = 'Europe/London';
let opened: OpenedStore;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
  opened = await openPgliteStore();
  api = apiClient(testApp(opened.store, { config: { clinic: { timezone: LONDON, startHour: 9, endHour: 17, defaultSlotMinutes: 30 } } }));
});
afterAll(() => opened?.cleanup());

const day = futureDate(6, LONDON);
const book = (body: Record<string, unknown>) => api.http.post('/api/appointments').send(body);
const slotStarts = (body: { data: { slots: Array<{ start: string }> } }) => body.data.slots.map((slot) => slot.start);

describe('GET /api/availability', () => {
  it('lists the free slots of a clinic-local day and drops booked ones', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const before = await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${day}`);
    expect(before.status).toBe(200);
    expect(before.body.data).toMatchObject({ doctorId: doctor.id, date: day, timezone: LONDON, slotMinutes: 30 });
    expect(before.body.data.slots).toHaveLength(16);
    expect(before.body.data.slots[0]).toEqual({ start: at(day, '09:00', LONDON), end: at(day, '09:30', LONDON) });
    await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '10:15', LONDON), end: at(day, '10:45', LONDON) });
    const after = slotStarts((await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${day}`)).body);
    expect(after).toHaveLength(14);
    expect(after).not.toContain(at(day, '10:00', LONDON));
    expect(after).not.toContain(at(day, '10:30', LONDON));
    expect(after).toContain(at(day, '11:00', LONDON));
  });

  it('takes duration, and slotMinutes as its older name', async () => {
    const doctor = await api.doctor();
    expect((await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${day}&duration=60`)).body.data.slots).toHaveLength(8);
    expect((await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${day}&slotMinutes=120`)).body.data.slots).toHaveLength(4);
  });

  it('has no slots in the past', async () => {
    const doctor = await api.doctor();
    const response = await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${futureDate(-2, LONDON)}`);
    expect(response.body.data.slots).toEqual([]);
  });

  it('400s a missing or impossible date and 404s an unknown doctor', async () => {
    const doctor = await api.doctor();
    expect((await api.http.get(`/api/availability?doctorId=${doctor.id}`)).body.error.details[0].path).toBe('date');
    expect((await api.http.get(`/api/availability?doctorId=${doctor.id}&date=2026-02-30`)).status).toBe(400);
    expect((await api.http.get(`/api/availability?doctorId=507f1f77bcf86cd799439011&date=${day}`)).status).toBe(404);
  });
});

describe('GET /api/appointments', () => {
  it('lists a doctor’s day in the clinic timezone, in time order', async () => {
    const [doctor, a, b] = [await api.doctor(), await api.patient(), await api.patient()];
    const late = await book({ doctorId: doctor.id, patientId: a.id, start: at(day, '16:30', LONDON) });
    const early = await book({ doctorId: doctor.id, patientId: b.id, start: at(day, '09:00', LONDON) });
    await book({ doctorId: doctor.id, patientId: b.id, start: at(futureDate(7, LONDON), '09:00', LONDON) });
    const response = await api.http.get(`/api/appointments?doctorId=${doctor.id}&date=${day}`);
    expect(response.status).toBe(200);
    expect(response.body.data.map((x: { id: string }) => x.id)).toEqual([early.body.data.id, late.body.data.id]);
    expect(response.body.meta).toEqual({ total: 2, limit: 100, offset: 0 });
  });

  it('filters by patient and status and reads one by id', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const booked = await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '12:00', LONDON) });
    const byPatient = await api.http.get(`/api/appointments?patientId=${patient.id}&status=BOOKED`);
    expect(byPatient.body.data.map((x: { id: string }) => x.id)).toEqual([booked.body.data.id]);
    expect((await api.http.get(`/api/appointments/${booked.body.data.id}`)).body.data.status).toBe('BOOKED');
    expect((await api.http.get('/api/appointments/507f1f77bcf86cd799439011')).status).toBe(404);
    expect((await api.http.get('/api/appointments?status=DONE')).status).toBe(400);
  });

  it('shows a patient’s appointments newest first', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const first = await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '09:30', LONDON) });
    const second = await book({ doctorId: doctor.id, patientId: patient.id, start: at(futureDate(8, LONDON), '09:30', LONDON) });
    const response = await api.http.get(`/api/patients/${patient.id}/appointments`);
    expect(response.body.data.map((x: { id: string }) => x.id)).toEqual([second.body.data.id, first.body.data.id]);
  });
});

describe('POST /api/appointments/:id/cancel', () => {
  it('cancels with a reason, keeps the row, frees the slot, and 409s a second cancel', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const booked = await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '14:00', LONDON) });
    const id = booked.body.data.id as string;
    const cancelled = await api.http.post(`/api/appointments/${id}/cancel`).send({ reason: 'Patient is travelling' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data).toMatchObject({ id, status: 'CANCELLED', cancellationReason: 'Patient is travelling' });
    expect(slotStarts((await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${day}`)).body)).toContain(
      at(day, '14:00', LONDON),
    );
    const again = await api.http.post(`/api/appointments/${id}/cancel`);
    expect([again.status, again.body.error.code]).toEqual([409, 'ALREADY_CANCELLED']);
    expect((await opened.store.appointments.get(id))?.status).toBe('CANCELLED');
  });

  it('404s an unknown appointment and 400s a malformed id or unknown field', async () => {
    expect((await api.http.post('/api/appointments/507f1f77bcf86cd799439011/cancel')).status).toBe(404);
    expect((await api.http.post('/api/appointments/nope/cancel')).status).toBe(400);
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const booked = await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '15:00', LONDON) });
    expect((await api.http.post(`/api/appointments/${booked.body.data.id}/cancel`).send({ status: 'BOOKED' })).status).toBe(400);
  });
});

describe('POST /api/appointments/:id/reschedule', () => {
  it('moves an appointment, keeps its length, frees the old slot and takes the new one', async () => {
    const [doctor, patient] = [await api.doctor({ slotMinutes: 45 }), await api.patient()];
    const booked = await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '09:00', LONDON) });
    const id = booked.body.data.id as string;
    const moved = await api.http.post(`/api/appointments/${id}/reschedule`).send({ start: at(day, '13:00', LONDON) });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ id, status: 'BOOKED', start: at(day, '13:00', LONDON), end: at(day, '13:45', LONDON) });
    const free = slotStarts((await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${day}`)).body);
    expect(free).toContain(at(day, '09:00', LONDON));
    expect(free).not.toContain(at(day, '13:00', LONDON));
  });

  it('applies the booking rules: 409 for a taken time, 422 outside hours or in the past, 409 when cancelled', async () => {
    const [doctor, a, b] = [await api.doctor(), await api.patient(), await api.patient()];
    const first = await book({ doctorId: doctor.id, patientId: a.id, start: at(day, '10:00', LONDON) });
    await book({ doctorId: doctor.id, patientId: b.id, start: at(day, '11:00', LONDON) });
    const path = `/api/appointments/${first.body.data.id}/reschedule`;
    expect((await api.http.post(path).send({ start: at(day, '11:15', LONDON) })).body.error.code).toBe('BOOKING_CONFLICT');
    expect((await api.http.post(path).send({ start: at(day, '18:00', LONDON) })).body.error.code).toBe('OUTSIDE_WORKING_HOURS');
    expect((await api.http.post(path).send({ start: at(futureDate(-1, LONDON), '10:00', LONDON) })).body.error.code).toBe(
      'PAST_APPOINTMENT',
    );
    expect((await api.http.post(path).send({ start: at(day, '12:00', LONDON), status: 'COMPLETED' })).status).toBe(400);
    await api.http.post(`/api/appointments/${first.body.data.id}/cancel`);
    const cancelled = await api.http.post(path).send({ start: at(day, '12:00', LONDON) });
    expect([cancelled.status, cancelled.body.error.code]).toEqual([409, 'ALREADY_CANCELLED']);
    expect(
      (await api.http.post('/api/appointments/507f1f77bcf86cd799439011/reschedule').send({ start: at(day, '12:00', LONDON) })).status,
    ).toBe(404);
  });

  it('replays a retried move with the same Idempotency-Key', async () => {
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    const booked = await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '15:00', LONDON) });
    const path = `/api/appointments/${booked.body.data.id}/reschedule`;
    const first = await api.http
      .post(path)
      .set('Idempotency-Key', `move-${booked.body.data.id}`)
      .send({ start: at(day, '16:00', LONDON) });
    const retry = await api.http
      .post(path)
      .set('Idempotency-Key', `move-${booked.body.data.id}`)
      .send({ start: at(day, '16:00', LONDON) });
    expect([first.status, retry.status, retry.headers['idempotent-replayed']]).toEqual([200, 200, 'true']);
    expect(retry.body).toEqual(first.body);
  });
});

describe('clinic timezone across a DST change', () => {
  it('keeps London’s 09:00-17:00 on the October fall-back day as 16 half-hour slots from 09:00 GMT', async () => {
    const doctor = await api.doctor();
    const year = new Date().getUTCFullYear() + 1;
    const lastSunday = [31, 30, 29, 28, 27, 26, 25]
      .map((d) => `${year}-10-${d}`)
      .find((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 0)!;
    const response = await api.http.get(`/api/availability?doctorId=${doctor.id}&date=${lastSunday}`);
    expect(response.body.data.slots).toHaveLength(16);
    expect(response.body.data.slots[0].start).toBe(`${lastSunday}T09:00:00.000Z`);
  });
});

describe('a doctor edited through another API process', () => {
  it('is read again before booking, so the new schedule and name apply at once', async () => {
    const other = apiClient(
      testApp(opened.store, { config: { clinic: { timezone: LONDON, startHour: 9, endHour: 17, defaultSlotMinutes: 30 } } }),
    );
    const [doctor, patient] = [await api.doctor(), await api.patient()];
    expect((await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '09:00', LONDON) })).status).toBe(201);

    const edit = await other.http.put(`/api/doctors/${doctor.id}`).send({ name: 'Dr. Moved On', schedule: { daysOff: [day] } });
    expect(edit.status).toBe(200);
    const refused = await book({ doctorId: doctor.id, patientId: patient.id, start: at(day, '11:00', LONDON) });
    expect([refused.status, refused.body.error.code]).toEqual([422, 'OUTSIDE_WORKING_HOURS']);

    const nextDay = futureDate(7, LONDON);
    const booked = await book({ doctorId: doctor.id, patientId: patient.id, start: at(nextDay, '11:00', LONDON) });
    expect([booked.status, booked.body.data.doctor.name]).toEqual([201, 'Dr. Moved On']);
  });
});
