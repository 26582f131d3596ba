import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fail, fakeApi, ok, type Route } from '../../test/fake-api';
import { renderWithApp } from '../../test/render';
import { AppointmentsPage } from './appointments-page';

const config = { timezone: 'Europe/London', clinicStartHour: 9, clinicEndHour: 17, defaultSlotMinutes: 30 };
const doctor = { id: 'd1', name: 'Dr Ada Lovelace', specialty: 'Cardiology', slotMinutes: 30 };
const patient = { id: 'p1', name: 'Grace Hopper' };
// 09:00 UTC in June is 10:00 in London (BST); the appointment is 45 minutes long.
const booked = {
  id: 'a1',
  doctorId: 'd1',
  patientId: 'p1',
  doctor,
  patient,
  start: '2030-06-03T09:00:00.000Z',
  end: '2030-06-03T09:45:00.000Z',
  status: 'BOOKED',
  reason: 'Check-up',
  site: { id: 's0', name: 'Main site', timezone: 'Europe/London' },
};
const slot14 = { start: '2030-06-03T13:00:00.000Z', end: '2030-06-03T13:45:00.000Z' };
const slot15 = { start: '2030-06-03T14:00:00.000Z', end: '2030-06-03T14:45:00.000Z' };

// jsdom has no modal <dialog>; this stand-in opens and closes it the way the browser's does.
beforeAll(() => {
  const proto = HTMLDialogElement.prototype;
  if (typeof proto.showModal === 'function') return;
  proto.showModal = function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close = function (this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
});

afterEach(() => vi.unstubAllGlobals());

function availability(slots: (typeof slot14)[]) {
  return ok({ doctorId: 'd1', date: '2030-06-03', timezone: 'Europe/London', slotMinutes: 30, slots });
}

function api(overrides: Record<string, Route> = {}) {
  return fakeApi({
    'GET /api/config': () => ok(config),
    'GET /api/doctors': () => ok([doctor], { total: 1, limit: 500, offset: 0 }),
    'GET /api/appointments': () => ok([booked], { total: 1, limit: 50, offset: 0 }),
    'GET /api/availability': () => availability([slot14, slot15]),
    ...overrides,
  });
}

async function openDialog(user: ReturnType<typeof userEvent.setup>) {
  renderWithApp(<AppointmentsPage />);
  await user.click(await screen.findByRole('button', { name: 'Reschedule' }));
  return screen.findByRole('dialog', { name: 'Reschedule appointment' });
}

describe('RescheduleDialog', () => {
  it('lists the free slots of the appointment’s day, sized to its length, by clinic time', async () => {
    const { calls } = api();
    const user = userEvent.setup();
    const dialog = await openDialog(user);
    expect(within(dialog).getByLabelText('New date')).toHaveValue('2030-06-03');
    expect(await within(dialog).findByRole('button', { name: '14:00' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: '15:00' })).toBeInTheDocument();
    const query = calls.find((c) => c.path === '/api/availability')?.url.searchParams;
    expect(query?.get('date')).toBe('2030-06-03');
    expect(query?.get('duration')).toBe('45');
    for (const button of within(dialog).getAllByRole('button')) {
      expect(button).not.toHaveAccessibleName(/Cancel|Book|Appointments/);
    }
  });

  it('closes on "Keep current time" and gives focus back to the row’s Reschedule button', async () => {
    api();
    const user = userEvent.setup();
    const dialog = await openDialog(user);
    await user.click(within(dialog).getByRole('button', { name: 'Keep current time' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reschedule' })).toHaveFocus();
  });

  it('moves the appointment, says "Rescheduled" and shows the new time in the row', async () => {
    let current = booked;
    const { calls } = api({
      'GET /api/appointments': () => ok([current], { total: 1, limit: 50, offset: 0 }),
      'POST /api/appointments/a1/reschedule': (request) => {
        current = { ...booked, start: slot14.start, end: slot14.end };
        expect(request.body).toEqual({ start: slot14.start });
        return ok(current);
      },
    });
    const user = userEvent.setup();
    const dialog = await openDialog(user);
    await user.click(await within(dialog).findByRole('button', { name: '14:00' }));

    expect(await screen.findByRole('status')).toHaveTextContent(/Rescheduled: Grace Hopper with Dr Ada Lovelace to .* at 14:00/);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const row = screen.getByRole('row', { name: /Grace Hopper/ });
    await waitFor(() => expect(row).toHaveTextContent('14:00–14:45'));
    expect(within(row).getByRole('button', { name: 'Reschedule' })).toHaveFocus();
    expect(calls.find((c) => c.method === 'POST')?.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('on a 409 explains in plain words inside the dialog and reloads the day’s slots', async () => {
    let slots = [slot14, slot15];
    const { calls } = api({
      'GET /api/availability': () => availability(slots),
      'POST /api/appointments/a1/reschedule': () => {
        slots = [slot15];
        return fail(409, 'BOOKING_CONFLICT', 'Time slot not available');
      },
    });
    const user = userEvent.setup();
    const dialog = await openDialog(user);
    await user.click(await within(dialog).findByRole('button', { name: '14:00' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Dr Ada Lovelace is no longer free at that time.');
    expect(alert).toHaveTextContent(/Someone else has just booked Dr Ada Lovelace for Mon, Jun 3, 2030, 14:00–14:45/);
    // The clicked slot disappears with the reload; focus goes to the message, not to the page.
    expect(alert.parentElement).toHaveFocus();
    expect(
      within(dialog)
        .getByRole('alert')
        .compareDocumentPosition(within(dialog).getByRole('group', { name: 'Free slots' })),
    ).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    await waitFor(() => expect(within(dialog).queryByRole('button', { name: '14:00' })).not.toBeInTheDocument());
    expect(within(dialog).getByRole('button', { name: '15:00' })).toBeInTheDocument();
    expect(calls.filter((c) => c.path === '/api/availability')).toHaveLength(2);
    expect(calls.filter((c) => c.path === '/api/appointments')).toHaveLength(2);
  });

  it('says when the patient, not the doctor, is busy, asks for slots free for the patient, and drops the alert on the next try', async () => {
    let attempts = 0;
    const { calls } = api({
      'POST /api/appointments/a1/reschedule': (request) => {
        attempts += 1;
        if (attempts === 1) return fail(409, 'PATIENT_CONFLICT', 'The patient already has an appointment at that time');
        const { start } = request.body as { start: string };
        return new Promise(() => expect(start).toBe(slot15.start));
      },
    });
    const user = userEvent.setup();
    const dialog = await openDialog(user);
    await user.click(await within(dialog).findByRole('button', { name: '14:00' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Grace Hopper is already booked at that time.');
    expect(alert).toHaveTextContent(/Grace Hopper has another appointment overlapping Mon, Jun 3, 2030, 14:00–14:45/);
    expect(calls.find((c) => c.path === '/api/availability')?.url.searchParams.get('patientId')).toBe('p1');

    await user.click(within(dialog).getByRole('button', { name: '15:00' }));
    await waitFor(() => expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument());
    expect(within(dialog).getByRole('status')).toHaveTextContent('Moving the appointment…');
  });

  it('shows any other error with the API message and its correlation id', async () => {
    api({
      'POST /api/appointments/a1/reschedule': () => fail(422, 'OUTSIDE_WORKING_HOURS', 'The doctor does not work at that time', 'corr-422'),
    });
    const user = userEvent.setup();
    const dialog = await openDialog(user);
    await user.click(await within(dialog).findByRole('button', { name: '14:00' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The appointment was not moved.');
    expect(alert).toHaveTextContent('The doctor does not work at that time');
    expect(within(alert).getByText('corr-422')).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('reuses the Idempotency-Key when the same move is retried after a network error', async () => {
    let attempts = 0;
    const { calls } = api({
      'POST /api/appointments/a1/reschedule': () => {
        attempts += 1;
        if (attempts === 1) throw new TypeError('Failed to fetch');
        return ok({ ...booked, start: slot14.start, end: slot14.end });
      },
    });
    const user = userEvent.setup();
    const dialog = await openDialog(user);
    await user.click(await within(dialog).findByRole('button', { name: '14:00' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Could not reach the server');
    await user.click(within(dialog).getByRole('button', { name: '14:00' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    const keys = calls.filter((c) => c.method === 'POST').map((c) => c.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });
});
