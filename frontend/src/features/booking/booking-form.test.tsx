import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, fakeApi, ok, type Route } from '../../test/fake-api';
import { renderWithApp } from '../../test/render';
import { BookingForm } from './booking-form';

const config = { timezone: 'Europe/London', clinicStartHour: 9, clinicEndHour: 17, defaultSlotMinutes: 30 };
const doctor = { id: 'd1', name: 'Dr Ada Lovelace', specialty: 'Cardiology', slotMinutes: 30 };
const grace = { id: 'p1', name: 'Grace Hopper', email: 'grace@example.com', phone: null, dateOfBirth: '1990-06-15' };
const graham = { id: 'p2', name: 'Graham Bell', email: null, phone: '+44 20 7946 0958', dateOfBirth: null };
// 09:00 and 09:30 UTC in June are 10:00 and 10:30 in London (BST).
const slot10 = { start: '2030-06-03T09:00:00.000Z', end: '2030-06-03T09:30:00.000Z' };
const slot1030 = { start: '2030-06-03T09:30:00.000Z', end: '2030-06-03T10:00:00.000Z' };

function availability(slots: (typeof slot10)[]) {
  return ok({ doctorId: 'd1', date: '2030-06-03', timezone: 'Europe/London', slotMinutes: 30, slots });
}

// The server finds patients among thousands; the form shows the first few it answers.
const searchPatients: Route = (request) => {
  const q = request.url.searchParams.get('q')?.toLowerCase() ?? '';
  const items = [grace, graham].filter((p) => p.name.toLowerCase().includes(q));
  return ok(items, { total: q === 'gra' ? 1200 : items.length, limit: 10, offset: 0 });
};

function api(overrides: Record<string, Route> = {}) {
  return fakeApi({
    'GET /api/config': () => ok(config),
    'GET /api/doctors': () => ok([doctor], { total: 1, limit: 500, offset: 0 }),
    'GET /api/patients': searchPatients,
    'GET /api/patients/p1': () => ok(grace),
    'GET /api/availability': () => availability([slot10, slot1030]),
    'GET /api/doctors/d1/visit-types': () => ok([]),
    'GET /api/sites': () => ok([mainSite, north]),
    ...overrides,
  });
}

const mainSite = { id: 's0', name: 'Main site', address: null, timezone: 'Europe/London', isDefault: true };
const north = { id: 's1', name: 'North', address: null, timezone: 'America/New_York', isDefault: false };

type User = ReturnType<typeof userEvent.setup>;

async function chooseDoctor(user: User) {
  await screen.findByRole('option', { name: 'Dr Ada Lovelace' });
  await user.selectOptions(screen.getByLabelText('Doctor'), 'Dr Ada Lovelace');
}

async function choosePatient(user: User, typed = 'grace') {
  const box = screen.getByRole('combobox', { name: 'Patient' });
  await user.clear(box);
  await user.type(box, typed);
  await screen.findByRole('option', { name: /Grace Hopper/ });
  await user.keyboard('{ArrowDown}{Enter}');
  await waitFor(() => expect(box).toHaveValue('Grace Hopper'));
}

async function chooseDoctorPatientAndSlot(user: User) {
  await chooseDoctor(user);
  await choosePatient(user);
  await user.click(await screen.findByRole('button', { name: '10:00' }));
  await user.type(screen.getByLabelText('Reason'), 'Chest pain');
}

afterEach(() => vi.unstubAllGlobals());

describe('BookingForm', () => {
  it('groups the slots of a doctor working at two sites, each in its own zone, and names the site in each button', async () => {
    // 09:00 UTC is 10:00 in London and 05:00 in New York in June.
    const london = { ...slot10, siteId: 's0', timezone: 'Europe/London' };
    const newYork = { start: '2030-06-03T14:00:00.000Z', end: '2030-06-03T14:30:00.000Z', siteId: 's1', timezone: 'America/New_York' };
    api({ 'GET /api/availability': () => availability([london, newYork]) });
    const user = userEvent.setup();
    renderWithApp(<BookingForm />);
    await chooseDoctor(user);
    expect(await screen.findByText('At Main site, times in Europe/London')).toBeInTheDocument();
    expect(screen.getByText('At North, times in America/New_York')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '10:00 at Main site' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '10:00 at North' }));
    expect(document.querySelector('.summary')).toHaveTextContent(/Dr Ada Lovelace, .*2030 at 10:00$/);
  });

  it('offers the doctor’s active visit types, asks for their slots and books with the chosen one', async () => {
    const types = [
      { id: 'v1', doctorId: 'd1', name: 'New patient', durationMinutes: 45, bufferMinutes: 10, active: true },
      { id: 'v2', doctorId: 'd1', name: 'Retired type', durationMinutes: 20, bufferMinutes: 0, active: false },
    ];
    const { calls } = api({
      'GET /api/doctors/d1/visit-types': () => ok(types),
      'POST /api/appointments': (request) => ({
        status: 201,
        ...ok({ id: 'a1', ...(request.body as object), status: 'BOOKED', doctor, patient: grace, site: mainSite }),
      }),
    });
    const user = userEvent.setup();
    renderWithApp(<BookingForm />);
    await chooseDoctor(user);
    const select = await screen.findByLabelText('Visit type');
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Standard (30 min)', 'New patient (45 min, then 10 min buffer)']);
    await user.selectOptions(select, 'New patient (45 min, then 10 min buffer)');
    await waitFor(() => expect(calls.some((call) => call.url.searchParams.get('visitTypeId') === 'v1')).toBe(true));
    await choosePatient(user);
    await user.click(await screen.findByRole('button', { name: '10:00' }));
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));
    await screen.findByText(/Booked: Grace Hopper/);
    expect(calls.find((call) => call.method === 'POST')?.body).toMatchObject({ doctorId: 'd1', patientId: 'p1', visitTypeId: 'v1' });
  });

  it('shows a loading state while the free slots are on their way', async () => {
    api({ 'GET /api/availability': () => new Promise(() => {}) });
    const user = userEvent.setup();
    renderWithApp(<BookingForm />);
    expect(await screen.findByText('Choose a doctor to see their free slots.')).toBeInTheDocument();
    await chooseDoctor(user);
    expect(await screen.findByText('Loading free slots…')).toBeInTheDocument();
  });

  it('says so when the day has no free slots', async () => {
    api({ 'GET /api/availability': () => availability([]) });
    const user = userEvent.setup();
    renderWithApp(<BookingForm />);
    await chooseDoctor(user);
    expect(await screen.findByText(/No free slots on this day/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^\d\d:\d\d$/ })).not.toBeInTheDocument();
  });

  it('names slots by their clinic start time and asks for the missing choices', async () => {
    api();
    const user = userEvent.setup();
    renderWithApp(<BookingForm />);
    await chooseDoctor(user);
    expect(await screen.findByRole('button', { name: '10:00' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '10:30' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));
    expect(screen.getByText('Choose one of the free slots.')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Patient' })).toHaveAccessibleDescription(/Choose a patient\.$/);
  });

  it('finds a patient by searching the server, by keyboard: arrows move, Enter chooses, Escape closes', async () => {
    const { calls } = api();
    const user = userEvent.setup();
    renderWithApp(<BookingForm />);
    const box = await screen.findByRole('combobox', { name: 'Patient' });
    expect(box).toHaveAttribute('aria-expanded', 'false');
    await user.type(box, 'gra');

    const list = await screen.findByRole('listbox', { name: 'Matching patients' });
    expect(box).toHaveAttribute('aria-expanded', 'true');
    expect(box).toHaveAttribute('aria-controls', list.id);
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      expect.stringMatching(/Grace Hopper.*born Jun 15, 1990.*grace@example\.com/),
      expect.stringMatching(/Graham Bell.*\+44 20 7946 0958/),
    ]);
    expect(screen.getByText('At least 1000 patients match; the first 2 are listed. Type more to narrow.')).toBeInTheDocument();
    const search = calls.filter((c) => c.path === '/api/patients').at(-1)!.url.searchParams;
    expect([search.get('q'), search.get('limit')]).toEqual(['gra', '10']);

    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(box).toHaveAttribute('aria-activedescendant', options[1]!.id);
    expect(options[1]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowUp}');
    expect(box).toHaveAttribute('aria-activedescendant', options[0]!.id);
    await user.keyboard('{Escape}');
    expect(box).toHaveAttribute('aria-expanded', 'false');
    expect(box).not.toHaveAttribute('aria-activedescendant');

    await user.keyboard('{ArrowDown}');
    await screen.findByRole('option', { name: /Graham Bell/ });
    await user.keyboard('{ArrowDown}{ArrowDown}');
    await user.keyboard('{Enter}');
    expect(box).toHaveValue('Graham Bell');
    expect(box).toHaveAttribute('aria-expanded', 'false');
    expect(box).toHaveFocus();
  });

  it('books the chosen slot, says "Booked", removes the slot and keeps focus on the button pressed', async () => {
    let slots = [slot10, slot1030];
    const { calls } = api({
      'GET /api/availability': () => availability(slots),
      'POST /api/appointments': (request) => {
        slots = [slot1030];
        return {
          status: 201,
          ...ok({ id: 'a1', ...(request.body as object), status: 'BOOKED', doctor, patient: grace, site: mainSite }),
        };
      },
    });
    const user = userEvent.setup();
    renderWithApp(<BookingForm />);
    await chooseDoctorPatientAndSlot(user);
    const button = screen.getByRole('button', { name: 'Book appointment' });
    button.focus();
    await user.keyboard('{Enter}');

    expect(await screen.findByText(/Booked: Grace Hopper with Dr Ada Lovelace on Mon, Jun 3, 2030 at 10:00/)).toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(screen.queryByRole('button', { name: '10:00' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '10:30' })).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ doctorId: 'd1', patientId: 'p1', start: slot10.start, end: slot10.end, reason: 'Chest pain' });
    expect(post?.headers.get('Idempotency-Key')).toBeTruthy();
    const slotQuery = calls.filter((c) => c.path === '/api/availability').at(-1)!.url.searchParams;
    expect(slotQuery.get('patientId')).toBe('p1');
  });

  it('keeps the pressed button focused, not disabled, while the booking is on its way, and sends it once', async () => {
    const { calls } = api({ 'POST /api/appointments': () => new Promise(() => {}) });
    const user = userEvent.setup();
    renderWithApp(<BookingForm />);
    await chooseDoctorPatientAndSlot(user);
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));
    expect(await screen.findByText('Booking…')).toBeInTheDocument();
    const button = screen.getByRole('button', { name: 'Book appointment' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveFocus();
    await user.keyboard('{Enter}');
    await user.click(button);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('on a 409 BOOKING_CONFLICT names the doctor and time, reloads the slots, and drops the alert when another slot is picked', async () => {
    let slots = [slot10, slot1030];
    const { calls } = api({
      'GET /api/availability': () => availability(slots),
      'POST /api/appointments': () => {
        slots = [slot1030];
        return fail(409, 'BOOKING_CONFLICT', 'Time slot not available');
      },
    });
    const user = userEvent.setup();
    renderWithApp(<BookingForm />);
    await chooseDoctorPatientAndSlot(user);
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Dr Ada Lovelace is no longer free at that time.');
    expect(alert).toHaveTextContent(/Someone else has just booked Dr Ada Lovelace for Mon, Jun 3, 2030, 10:00–10:30/);
    await waitFor(() => expect(screen.queryByRole('button', { name: '10:00' })).not.toBeInTheDocument());
    // Once for the doctor, once more when the patient was chosen, and again after the 409.
    expect(calls.filter((c) => c.path === '/api/availability')).toHaveLength(3);
    expect(screen.queryByText(/Booked:/)).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '10:30' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByText('Grace Hopper with Dr Ada Lovelace, Mon, Jun 3, 2030 at 10:30')).toBeInTheDocument();
  });

  it('on a 409 PATIENT_CONFLICT says the patient is busy, with whom and when', async () => {
    // 09:15 UTC is 10:15 in London: the patient's other appointment overlaps the 10:00 slot.
    const other = {
      id: 'a7',
      doctorId: 'd2',
      patientId: 'p1',
      doctor: { id: 'd2', name: 'Dr Other', specialty: 'Dermatology' },
      patient: { id: 'p1', name: 'Grace Hopper' },
      start: '2030-06-03T09:15:00.000Z',
      end: '2030-06-03T09:45:00.000Z',
      status: 'BOOKED',
    };
    const { calls } = api({
      'POST /api/appointments': () => fail(409, 'PATIENT_CONFLICT', 'The patient already has an appointment at that time'),
      'GET /api/appointments': () => ok([other], { total: 1, limit: 50, offset: 0 }),
    });
    const user = userEvent.setup();
    renderWithApp(<BookingForm />);
    await chooseDoctorPatientAndSlot(user);
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Grace Hopper is already booked at that time.');
    await waitFor(() =>
      expect(alert).toHaveTextContent(
        /Grace Hopper is booked with Dr Other, Mon, Jun 3, 2030, 10:15–10:45, which overlaps Mon, Jun 3, 2030, 10:00–10:30/,
      ),
    );
    expect(alert).not.toHaveTextContent('no longer free');
    const lookup = calls.find((c) => c.method === 'GET' && c.path === '/api/appointments')!.url.searchParams;
    expect([lookup.get('patientId'), lookup.get('status'), lookup.get('to')]).toEqual(['p1', 'BOOKED', slot10.end]);
  });

  it('shows any other error with the API message and its correlation id', async () => {
    api({
      'POST /api/appointments': () => fail(422, 'OUTSIDE_WORKING_HOURS', 'The doctor does not work at that time', 'corr-777'),
    });
    const user = userEvent.setup();
    renderWithApp(<BookingForm />);
    await chooseDoctorPatientAndSlot(user);
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The appointment was not booked.');
    expect(alert).toHaveTextContent('The doctor does not work at that time');
    expect(within(alert).getByText('corr-777')).toBeInTheDocument();
  });

  it('shows an error with its correlation id when the slots cannot be loaded', async () => {
    api({ 'GET /api/availability': () => fail(500, 'INTERNAL_ERROR', 'Internal server error', 'corr-500') });
    const user = userEvent.setup();
    renderWithApp(<BookingForm />);
    await chooseDoctor(user);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The free slots could not be loaded.');
    expect(alert).toHaveTextContent('corr-500');
  });

  it('starts from the doctor and patient of "book again"', async () => {
    api();
    renderWithApp(<BookingForm preset={{ doctorId: 'd1', patientId: 'p1' }} />);
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Patient' })).toHaveValue('Grace Hopper'));
    await waitFor(() => expect(screen.getByLabelText('Doctor')).toHaveValue('d1'));
    expect(await screen.findByRole('button', { name: '10:00' })).toBeInTheDocument();
  });
});
