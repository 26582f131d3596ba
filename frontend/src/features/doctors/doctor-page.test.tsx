import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, fakeApi, noContent, ok, type FakeRequest } from '../../test/fake-api';
import { clinicConfig, emptyLists, meAs, renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

const doctor = { id: 'd1', name: 'Dr Grace Hopper', specialty: 'Cardiology', email: null, phone: null, slotMinutes: 30, schedule: null };
const training = {
  id: 't1',
  _id: 't1',
  doctorId: 'd1',
  start: '2030-06-03T12:00:00.000Z',
  end: '2030-06-03T16:00:00.000Z',
  reason: 'training',
  createdAt: '2030-06-01T09:00:00.000Z',
};
const baseWeek = { effectiveFrom: null, weekly: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] } };
const insideIt = {
  id: 'a1',
  doctorId: 'd1',
  patientId: 'p1',
  doctor: { id: 'd1', name: doctor.name, specialty: doctor.specialty },
  patient: { id: 'p1', name: 'Ada Lovelace' },
  start: '2030-06-03T13:00:00.000Z',
  end: '2030-06-03T13:30:00.000Z',
  status: 'BOOKED',
};

describe('the doctor page', () => {
  it('lists coming time off, adds one in clinic time, names the appointments inside it, and removes one', async () => {
    const sent: FakeRequest[] = [];
    let listed = [training];
    fakeApi({
      ...emptyLists,
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => ok(meAs('staff')),
      'GET /api/doctors/d1': () => ok(doctor),
      'GET /api/doctors/d1/time-off': () => ok(listed),
      'GET /api/doctors/d1/schedule': () => ok(baseWeek),
      'GET /api/doctors/d1/visit-types': () => ok([]),
      'POST /api/doctors/d1/time-off': (request) => {
        sent.push(request);
        return ok({ ...training, id: 't2', _id: 't2', reason: 'holiday', affected: [insideIt] });
      },
      'DELETE /api/time-off/t1': (request) => {
        sent.push(request);
        listed = [];
        return noContent();
      },
    });
    renderApp('/doctors/d1');
    await screen.findByRole('heading', { level: 1, name: 'Dr Grace Hopper' });
    expect(await screen.findByText('Mon, Jun 3, 2030, 13:00–17:00 · Training')).toBeInTheDocument();

    const user = userEvent.setup();
    const form = screen.getByRole('form', { name: 'Add time off' });
    await user.clear(within(form).getByLabelText('From date'));
    await user.type(within(form).getByLabelText('From date'), '2030-06-03');
    await user.clear(within(form).getByLabelText('Until date'));
    await user.type(within(form).getByLabelText('Until date'), '2030-06-05');
    await user.click(within(form).getByRole('button', { name: 'Add time off' }));

    const affected = await screen.findByRole('region', { name: 'Appointments inside the time off' });
    expect(within(affected).getByRole('link', { name: 'Ada Lovelace' })).toHaveAttribute('href', '/patients/p1');
    expect(sent[0]!.body).toEqual({ start: '2030-06-03T09:00:00', end: '2030-06-05T17:00:00', reason: 'holiday' });

    await user.click(screen.getByRole('button', { name: /^Remove time off/ }));
    await waitFor(() => expect(sent.map((request) => `${request.method} ${request.path}`)).toContain('DELETE /api/time-off/t1'));
    expect(await screen.findByText('No time off coming up.')).toBeInTheDocument();
  });

  it('shows the server’s refusal of an end before the start on the field', async () => {
    fakeApi({
      ...emptyLists,
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => ok(meAs('staff')),
      'GET /api/doctors/d1': () => ok(doctor),
      'GET /api/doctors/d1/time-off': () => ok([]),
      'GET /api/doctors/d1/schedule': () => ok(baseWeek),
      'GET /api/doctors/d1/visit-types': () => ok([]),
      'POST /api/doctors/d1/time-off': () => ({
        ...fail(400, 'VALIDATION_ERROR', 'Invalid time off'),
        body: {
          success: false,
          error: {
            code: 'VALIDATION_ERROR',
            message: 'Invalid time off',
            correlationId: 'c1',
            details: [{ path: 'end', message: 'must be after start' }],
          },
        },
      }),
    });
    renderApp('/doctors/d1');
    const form = await screen.findByRole('form', { name: 'Add time off' });
    await userEvent.setup().click(within(form).getByRole('button', { name: 'Add time off' }));
    expect(await within(form).findByText('must be after start')).toBeInTheDocument();
    expect(within(form).getByLabelText('Until date')).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows the calendar link to copy, and replaces it on request', async () => {
    const first = 'http://clinic.test/api/doctors/d1/calendar.ics?key=aaaa';
    const second = 'http://clinic.test/api/doctors/d1/calendar.ics?key=bbbb';
    let current = first;
    fakeApi({
      ...emptyLists,
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => ok(meAs('staff')),
      'GET /api/doctors/d1': () => ok({ ...doctor, calendarUrl: current }),
      'GET /api/doctors/d1/time-off': () => ok([]),
      'GET /api/doctors/d1/schedule': () => ok(baseWeek),
      'GET /api/doctors/d1/visit-types': () => ok([]),
      'POST /api/doctors/d1/calendar-key': () => {
        current = second;
        return ok({ calendarUrl: second });
      },
    });
    renderApp('/doctors/d1');
    const section = await screen.findByRole('region', { name: 'Calendar feed' });
    const user = userEvent.setup();
    expect(within(section).getByLabelText('Calendar link')).toHaveValue(first);
    await user.click(within(section).getByRole('button', { name: 'Copy link' }));
    expect(await navigator.clipboard.readText()).toBe(first);
    expect(within(section).getByRole('status')).toHaveTextContent('Copied');

    await user.click(within(section).getByRole('button', { name: 'Replace link' }));
    await waitFor(() => expect(within(section).getByLabelText('Calendar link')).toHaveValue(second));
    expect(within(section).getByRole('status')).toHaveTextContent('the old one no longer works');
  });

  it('saves a new rota from a date, one window a day, and lists the appointments it leaves outside', async () => {
    const sent: FakeRequest[] = [];
    fakeApi({
      ...emptyLists,
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => ok(meAs('staff')),
      'GET /api/doctors/d1': () => ok(doctor),
      'GET /api/doctors/d1/time-off': () => ok([]),
      'GET /api/doctors/d1/schedule': () => ok(baseWeek),
      'GET /api/doctors/d1/visit-types': () => ok([]),
      'PUT /api/doctors/d1/schedule': (request) => {
        sent.push(request);
        return ok({ ...(request.body as object), outsideHours: [insideIt] });
      },
    });
    renderApp('/doctors/d1');
    const form = await screen.findByRole('form', { name: 'New rota' });
    expect(screen.getByText(/The base week applies today/)).toBeInTheDocument();
    const user = userEvent.setup();
    await user.clear(within(form).getByLabelText('From date'));
    await user.type(within(form).getByLabelText('From date'), '2030-06-03');
    await user.click(within(form).getByRole('checkbox', { name: 'Monday: works' }));
    await user.clear(within(form).getByLabelText('Tuesday until'));
    await user.type(within(form).getByLabelText('Tuesday until'), '12:00');
    await user.click(within(form).getByRole('button', { name: 'Save rota' }));

    const outside = await screen.findByRole('region', { name: 'Appointments outside the new hours' });
    expect(within(outside).getByRole('link', { name: 'Ada Lovelace' })).toHaveAttribute('href', '/patients/p1');
    expect(sent[0]!.body).toEqual({ effectiveFrom: '2030-06-03', weekly: { tue: [{ start: '09:00', end: '12:00' }] } });
  });
  it('lists the visit types, adds one with its buffer, stops offering one and removes one', async () => {
    const sent: FakeRequest[] = [];
    const followUp = { id: 'v1', _id: 'v1', doctorId: 'd1', name: 'Follow-up', durationMinutes: 15, bufferMinutes: 0, active: true };
    let listed = [followUp];
    fakeApi({
      ...emptyLists,
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => ok(meAs('staff')),
      'GET /api/doctors/d1': () => ok(doctor),
      'GET /api/doctors/d1/time-off': () => ok([]),
      'GET /api/doctors/d1/schedule': () => ok(baseWeek),
      'GET /api/doctors/d1/visit-types': () => ok(listed),
      'POST /api/doctors/d1/visit-types': (request) => {
        sent.push(request);
        const created = { ...followUp, id: 'v2', _id: 'v2', ...(request.body as object) };
        listed = [...listed, created];
        return { status: 201, ...ok(created) };
      },
      'PATCH /api/visit-types/v1': (request) => {
        sent.push(request);
        listed = listed.map((type) => (type.id === 'v1' ? { ...type, active: false } : type));
        return ok(listed[0]);
      },
      'DELETE /api/visit-types/v1': (request) => {
        sent.push(request);
        listed = listed.filter((type) => type.id !== 'v1');
        return noContent();
      },
    });
    renderApp('/doctors/d1');
    const section = await screen.findByRole('region', { name: 'Visit types' });
    expect(await within(section).findByText('Follow-up')).toBeInTheDocument();

    const user = userEvent.setup();
    const form = within(section).getByRole('form', { name: 'Add a visit type' });
    await user.type(within(form).getByLabelText('Name'), 'New patient');
    await user.clear(within(form).getByLabelText('Length (minutes)'));
    await user.type(within(form).getByLabelText('Length (minutes)'), '45');
    await user.clear(within(form).getByLabelText(/Buffer after/));
    await user.type(within(form).getByLabelText(/Buffer after/), '10');
    await user.click(within(form).getByRole('button', { name: 'Add visit type' }));
    expect(await within(section).findByText('Added: New patient, 45 min, then 10 min buffer.')).toBeInTheDocument();
    expect(sent[0]!.body).toEqual({ name: 'New patient', durationMinutes: 45, bufferMinutes: 10 });

    await user.click(within(section).getByRole('button', { name: 'Stop offering Follow-up' }));
    expect(await within(section).findByText('· not offered')).toBeInTheDocument();
    expect(sent[1]!.body).toEqual({ active: false });
    await user.click(within(section).getByRole('button', { name: 'Remove Follow-up' }));
    await waitFor(() => expect(within(section).queryByText('Follow-up')).not.toBeInTheDocument());
  });
});
