import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, ok, type Route } from '../../test/fake-api';
import { clinicConfig, emptyLists, meAs, renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

const grace = {
  id: 'p1',
  _id: 'p1',
  name: 'Grace Hopper',
  email: null,
  phone: '+44 20 7946 0958',
  dateOfBirth: '1990-06-15',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const doctor = { id: 'd1', name: 'Dr Ada Lovelace', specialty: 'Cardiology' };
const visit = (id: string, start: string, extra: Record<string, unknown> = {}) => ({
  id,
  doctorId: 'd1',
  patientId: 'p1',
  doctor,
  patient: { id: 'p1', name: grace.name },
  start,
  end: start.replace(':00:00.000Z', ':30:00.000Z'),
  status: 'BOOKED',
  reason: null,
  cancelledAt: null,
  cancellationReason: null,
  ...extra,
});
const coming = visit('a2', '2099-06-03T09:00:00.000Z', { reason: 'Follow-up' });
const cancelled = visit('a1', '2020-06-03T09:00:00.000Z', {
  status: 'CANCELLED',
  cancelledAt: '2020-06-01T09:00:00.000Z',
  cancellationReason: 'Patient has the flu',
});

function api(overrides: Record<string, Route> = {}) {
  return fakeApi({
    ...emptyLists,
    'GET /api/config': () => ok(clinicConfig),
    'GET /api/auth/me': () => ok(meAs('staff')),
    'GET /api/patients/p1': () => ok(grace),
    'GET /api/appointments': () => ok([coming], { total: 1, limit: 50, offset: 0 }),
    'GET /api/patients/p1/appointments': () => ok([coming, cancelled], { total: 2, limit: 50, offset: 0 }),
    ...overrides,
  });
}

describe('patient page', () => {
  it('shows the details, coming and past appointments, the cancellation reason and "book again" with the same doctor', async () => {
    const { calls } = api();
    renderApp('/patients/p1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Grace Hopper' })).toBeInTheDocument();
    expect(screen.getByText('None given')).toBeInTheDocument();
    expect(screen.getByText('Jun 15, 1990')).toBeInTheDocument();

    const upcoming = screen.getByRole('region', { name: 'Upcoming appointments' });
    expect(await within(upcoming).findByText(/Wed, Jun 3, 2099/)).toBeInTheDocument();
    expect(within(upcoming).getByText('Reason: Follow-up')).toBeInTheDocument();
    expect(calls.find((c) => c.path === '/api/appointments')?.url.searchParams.get('patientId')).toBe('p1');

    const past = screen.getByRole('region', { name: 'Past appointments' });
    expect(await within(past).findByText(/Cancelled because: Patient has the flu/)).toBeInTheDocument();
    expect(within(past).queryByText(/2099/)).not.toBeInTheDocument();
    expect(within(past).getByRole('link', { name: 'Book again with Dr Ada Lovelace' })).toHaveAttribute(
      'href',
      '/book?doctorId=d1&patientId=p1',
    );
  });

  it('opens the Book page with the same doctor and patient filled in', async () => {
    api({
      'GET /api/doctors': () => ok([{ ...doctor, slotMinutes: 30 }], { total: 1, limit: 500, offset: 0 }),
      'GET /api/availability': () => ok({ doctorId: 'd1', date: '2099-06-03', timezone: 'Europe/London', slotMinutes: 30, slots: [] }),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/patients/p1');
    await user.click((await screen.findAllByRole('link', { name: 'Book again with Dr Ada Lovelace' }))[0]!);
    await waitFor(() => expect(router.state.location.pathname).toBe('/book'));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Patient' })).toHaveValue('Grace Hopper'));
    await waitFor(() => expect(screen.getByLabelText('Doctor')).toHaveValue('d1'));
  });

  it('edits the details with the server’s rules, saves, says so and gives focus back to the Edit button', async () => {
    let current = grace;
    const { calls } = api({
      'GET /api/patients/p1': () => ok(current),
      'PATCH /api/patients/p1': (request) => {
        current = { ...grace, ...(request.body as object) };
        return ok(current);
      },
    });
    const user = userEvent.setup();
    renderApp('/patients/p1');
    await user.click(await screen.findByRole('button', { name: 'Edit details' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit patient' });
    const phone = within(dialog).getByLabelText('Phone');
    await user.clear(phone);
    await user.type(phone, 'ring me');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(phone).toHaveAccessibleDescription('Optional must be a phone number such as +44 20 7946 0958'));
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);

    await user.clear(phone);
    await user.type(within(dialog).getByLabelText('Email'), 'grace@example.org');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      name: 'Grace Hopper',
      email: 'grace@example.org',
      phone: null,
      dateOfBirth: '1990-06-15',
    });
    expect(await screen.findByText('Saved Grace Hopper.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit details' })).toHaveFocus();
    expect(await screen.findByText('grace@example.org')).toBeInTheDocument();
  });
});
