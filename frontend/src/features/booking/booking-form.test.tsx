import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, fakeApi, ok, type Route } from '../../test/fake-api';
import { renderWithApp } from '../../test/render';
import { BookingForm } from './booking-form';

const config = { timezone: 'Europe/London', clinicStartHour: 9, clinicEndHour: 17, defaultSlotMinutes: 30 };
const doctor = { id: 'd1', name: 'Dr Ada Lovelace', specialty: 'Cardiology', slotMinutes: 30 };
const patient = { id: 'p1', name: 'Grace Hopper', email: 'grace@example.com' };
// 09:00 and 09:30 UTC in June are 10:00 and 10:30 in London (BST).
const slot10 = { start: '2030-06-03T09:00:00.000Z', end: '2030-06-03T09:30:00.000Z' };
const slot1030 = { start: '2030-06-03T09:30:00.000Z', end: '2030-06-03T10:00:00.000Z' };

function availability(slots: (typeof slot10)[]) {
  return ok({ doctorId: 'd1', date: '2030-06-03', timezone: 'Europe/London', slotMinutes: 30, slots });
}

function api(overrides: Record<string, Route> = {}) {
  return fakeApi({
    'GET /api/config': () => ok(config),
    'GET /api/doctors': () => ok([doctor], { total: 1, limit: 500, offset: 0 }),
    'GET /api/patients': () => ok([patient], { total: 1, limit: 500, offset: 0 }),
    'GET /api/availability': () => availability([slot10, slot1030]),
    ...overrides,
  });
}

type User = ReturnType<typeof userEvent.setup>;

async function chooseDoctor(user: User) {
  await screen.findByRole('option', { name: 'Dr Ada Lovelace' });
  await user.selectOptions(screen.getByLabelText('Doctor'), 'Dr Ada Lovelace');
}

async function chooseDoctorSlotAndPatient(user: User) {
  await chooseDoctor(user);
  await user.click(await screen.findByRole('button', { name: '10:00' }));
  await screen.findByRole('option', { name: 'Grace Hopper' });
  await user.selectOptions(screen.getByLabelText('Patient'), 'Grace Hopper');
  await user.type(screen.getByLabelText('Reason'), 'Chest pain');
}

afterEach(() => vi.unstubAllGlobals());

describe('BookingForm', () => {
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
    expect(screen.getByLabelText('Patient')).toHaveAccessibleDescription('Choose a patient.');
  });

  it('books the chosen slot, says "Booked" and removes the slot from the list', async () => {
    let slots = [slot10, slot1030];
    const { calls } = api({
      'GET /api/availability': () => availability(slots),
      'POST /api/appointments': (request) => {
        slots = [slot1030];
        return {
          status: 201,
          ...ok({ id: 'a1', ...(request.body as object), status: 'BOOKED', doctor, patient }),
        };
      },
    });
    const user = userEvent.setup();
    renderWithApp(<BookingForm />);
    await chooseDoctorSlotAndPatient(user);
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));

    expect(await screen.findByRole('status')).toHaveTextContent(/Booked: Grace Hopper with Dr Ada Lovelace .* at 10:00/);
    expect(screen.queryByRole('button', { name: '10:00' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '10:30' })).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ doctorId: 'd1', patientId: 'p1', start: slot10.start, end: slot10.end, reason: 'Chest pain' });
    expect(post?.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('on a 409 explains in plain words and reloads the free slots', async () => {
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
    await chooseDoctorSlotAndPatient(user);
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('That time is no longer free.');
    expect(alert).toHaveTextContent(/Someone else has just booked this time/);
    await waitFor(() => expect(screen.queryByRole('button', { name: '10:00' })).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: '10:30' })).toBeInTheDocument();
    expect(calls.filter((c) => c.path === '/api/availability')).toHaveLength(2);
    expect(screen.getByRole('status')).not.toHaveTextContent('Booked');
  });

  it('shows any other error with the API message and its correlation id', async () => {
    api({
      'POST /api/appointments': () => fail(422, 'OUTSIDE_WORKING_HOURS', 'The doctor does not work at that time', 'corr-777'),
    });
    const user = userEvent.setup();
    renderWithApp(<BookingForm />);
    await chooseDoctorSlotAndPatient(user);
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
});
