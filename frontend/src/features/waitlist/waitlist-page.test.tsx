import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, noContent, ok, type FakeRequest, type Route } from '../../test/fake-api';
import { clinicConfig, emptyLists, meAs, renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

const ada = { id: 'd1', _id: 'd1', name: 'Dr Ada Lovelace', specialty: 'Cardiology', slotMinutes: 30 };
const bo = { id: 'd2', _id: 'd2', name: 'Dr Bo Derm', specialty: 'Dermatology', slotMinutes: 20 };
const grace = { id: 'p1', _id: 'p1', name: 'Grace Hopper', email: 'grace@example.com', phone: null, dateOfBirth: null };
const checkUp = { id: 'v1', name: 'Check-up', minutes: 45, bufferMinutes: 0, active: true };

const entry = {
  id: 'w1',
  patient: { id: 'p1', name: 'Grace Hopper' },
  doctor: { id: 'd1', name: 'Dr Ada Lovelace', specialty: 'Cardiology' },
  specialty: null,
  visitType: null,
  windows: [{ weekday: 'tue', start: '09:00', end: '12:00' }],
  note: 'Prefers mornings',
  status: 'offered',
  createdAt: '2030-06-01T08:00:00.000Z',
  // 09:00 UTC is 10:00 in London in June.
  offers: [
    {
      id: 'o1',
      entryId: 'w1',
      appointmentId: 'a1',
      doctorId: 'd1',
      start: '2030-06-03T09:00:00.000Z',
      end: '2030-06-03T09:30:00.000Z',
      status: 'declined',
      expiresAt: '2030-06-02T10:00:00.000Z',
      createdAt: '2030-06-02T08:00:00.000Z',
      decidedAt: '2030-06-02T08:30:00.000Z',
    },
    {
      id: 'o2',
      entryId: 'w1',
      appointmentId: 'a2',
      doctorId: 'd1',
      start: '2030-06-04T09:00:00.000Z',
      end: '2030-06-04T09:30:00.000Z',
      status: 'open',
      expiresAt: '2030-06-03T13:15:00.000Z',
      createdAt: '2030-06-03T11:15:00.000Z',
      decidedAt: null,
    },
  ],
};

function api(routes: Record<string, Route>) {
  return fakeApi({
    ...emptyLists,
    'GET /api/config': () => ok(clinicConfig),
    'GET /api/auth/me': () => ok(meAs('staff')),
    'GET /api/doctors': () => ok([ada, bo], { total: 2, limit: 500, offset: 0 }),
    'GET /api/patients': () => ok([grace], { total: 1, limit: 10, offset: 0 }),
    'GET /api/doctors/d1/visit-types': () => ok([checkUp]),
    ...routes,
  });
}

async function choosePatient(user: ReturnType<typeof userEvent.setup>, form: HTMLElement) {
  await user.type(within(form).getByRole('combobox', { name: 'Patient' }), 'grace');
  await screen.findByRole('option', { name: /Grace Hopper/ });
  await user.keyboard('{ArrowDown}{Enter}');
}

describe('the waitlist page', () => {
  it('is in the desk’s menu and adds a patient for a doctor, a visit type and two times', async () => {
    const sent: FakeRequest[] = [];
    api({
      'GET /api/waitlist': () => ok([], { total: 0, limit: 100, offset: 0 }),
      'POST /api/waitlist': (request) => {
        sent.push(request);
        return { status: 201, ...ok(entry) };
      },
    });
    renderApp('/waitlist');
    expect(await screen.findByRole('link', { name: 'Waitlist' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByText(/No one is on the waitlist/)).toBeInTheDocument();

    const user = userEvent.setup();
    const form = screen.getByRole('form', { name: 'Add to the waitlist' });
    await choosePatient(user, form);
    await screen.findByRole('option', { name: 'Dr Ada Lovelace (Cardiology)' });
    await user.selectOptions(within(form).getByLabelText('Doctor'), 'd1');
    await user.selectOptions(await within(form).findByLabelText('Visit type'), 'v1');

    const first = within(form).getByRole('group', { name: 'Time 1' });
    await user.selectOptions(within(first).getByLabelText('Day'), 'tue');
    await user.click(within(form).getByRole('button', { name: 'Add another time' }));
    const second = within(form).getByRole('group', { name: 'Time 2' });
    await user.selectOptions(within(second).getByLabelText('Day'), 'date');
    await user.type(within(second).getByLabelText('Date'), '2030-06-05');
    await user.clear(within(second).getByLabelText('From'));
    await user.type(within(second).getByLabelText('From'), '14:00');
    await user.clear(within(second).getByLabelText('Until'));
    await user.type(within(second).getByLabelText('Until'), '16:30');
    await user.type(within(form).getByLabelText('Note'), ' Prefers mornings ');
    await user.click(within(form).getByRole('button', { name: 'Add to waitlist' }));

    expect(await within(form).findByText('Grace Hopper is on the waitlist.')).toBeInTheDocument();
    expect(sent.map((request) => request.body)).toEqual([
      {
        patientId: 'p1',
        doctorId: 'd1',
        visitTypeId: 'v1',
        windows: [
          { weekday: 'tue', start: '09:00', end: '12:00' },
          { date: '2030-06-05', start: '14:00', end: '16:30' },
        ],
        note: 'Prefers mornings',
      },
    ]);
  });

  it('asks for a specialty instead of a doctor, and checks each time before sending', async () => {
    const sent: FakeRequest[] = [];
    api({
      'GET /api/waitlist': () => ok([], { total: 0, limit: 100, offset: 0 }),
      'POST /api/waitlist': (request) => {
        sent.push(request);
        return { status: 201, ...ok({ ...entry, doctor: null, specialty: 'Dermatology' }) };
      },
    });
    renderApp('/waitlist');
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add to the waitlist' });
    await user.click(within(form).getByRole('button', { name: 'Add to waitlist' }));
    expect(within(form).getByRole('combobox', { name: 'Patient' })).toHaveAccessibleDescription(/Choose a patient/);
    expect(within(form).getByLabelText('Doctor')).toHaveAccessibleDescription('Choose a doctor');

    await choosePatient(user, form);
    await user.click(within(form).getByRole('radio', { name: /Any doctor of a specialty/ }));
    await screen.findByRole('option', { name: 'Dermatology' });
    await user.selectOptions(within(form).getByLabelText('Specialty'), 'Dermatology');
    const until = within(within(form).getByRole('group', { name: 'Time 1' })).getByLabelText('Until');
    await user.clear(until);
    await user.type(until, '08:00');
    await user.click(within(form).getByRole('button', { name: 'Add to waitlist' }));
    expect(until).toHaveAccessibleDescription('Must be after the start');
    expect(sent).toHaveLength(0);

    await user.clear(until);
    await user.type(until, '10:00');
    await user.click(within(form).getByRole('button', { name: 'Add to waitlist' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.body).toEqual({
      patientId: 'p1',
      specialty: 'Dermatology',
      windows: [{ weekday: 'mon', start: '09:00', end: '10:00' }],
    });
  });

  it('shows the queue with positions, times and each offer’s outcome, and removes an entry', async () => {
    const calls: FakeRequest[] = [];
    let listed = [entry];
    api({
      'GET /api/waitlist': (request) => {
        calls.push(request);
        return ok(listed, { total: listed.length, limit: 100, offset: 0 });
      },
      'DELETE /api/waitlist/w1': () => {
        listed = [];
        return noContent();
      },
    });
    renderApp('/waitlist');
    const card = await screen.findByRole('article', { name: '1. Grace Hopper' });
    expect(calls[0]!.url.searchParams.get('status')).toBe('waiting');
    expect(card).toHaveTextContent('Dr Ada Lovelace (Cardiology)');
    expect(card).toHaveTextContent('Tues 09:00–12:00');
    expect(card).toHaveTextContent('offered');
    const offers = within(card).getByRole('list', { name: 'Offers to Grace Hopper' });
    expect(
      within(offers)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([expect.stringMatching(/10:00–10:30: declined .* 09:30$/), expect.stringMatching(/10:00–10:30: held until .* 14:15$/)]);

    await userEvent.setup().click(within(card).getByRole('button', { name: 'Remove Grace Hopper' }));
    expect(await screen.findByText(/No one is on the waitlist/)).toBeInTheDocument();
  });
});
