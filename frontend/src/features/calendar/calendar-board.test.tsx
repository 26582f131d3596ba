import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { Appointment, Doctor } from '../../services/api';
import { fail, fakeApi, ok, type Route } from '../../test/fake-api';
import { renderWithApp } from '../../test/render';
import { CalendarBoard } from './calendar-board';
import { dayGrid } from './day-grid';

const clinic = { timezone: 'Europe/London', clinicStartHour: 9, clinicEndHour: 17 };
const config = { ...clinic, defaultSlotMinutes: 30 };
const grace = { id: 'p1', name: 'Grace Hopper', email: 'grace@example.com', phone: null, dateOfBirth: null };

function doctor(id: string, name: string): Doctor {
  return {
    id,
    _id: id,
    name,
    specialty: 'Cardiology',
    email: null,
    phone: null,
    slotMinutes: 30,
    schedule: null,
    createdAt: '',
    updatedAt: '',
  };
}

const ada = doctor('d1', 'Dr Ada');
const bo = doctor('d2', 'Dr Bo');
// 09:00 UTC in June is 10:00 in London.
const visit: Appointment = {
  id: 'a1',
  _id: 'a1',
  doctorId: 'd1',
  patientId: 'p1',
  doctor: { id: 'd1', name: 'Dr Ada', specialty: 'Cardiology' },
  patient: { id: 'p1', name: 'Grace Hopper' },
  start: '2030-06-03T09:00:00.000Z',
  end: '2030-06-03T09:30:00.000Z',
  status: 'BOOKED',
  reason: null,
  cancelledAt: null,
  cancellationReason: null,
  visitType: null,
  bufferMinutes: 0,
  site: { id: 's0', name: 'Main site', timezone: 'Europe/London' },
  checkedInAt: null,
  checkedInBy: null,
  completedAt: null,
  completedBy: null,
  noShowAt: null,
  noShowBy: null,
  patientConfirmedAt: null,
  createdAt: '',
  updatedAt: '',
};

function renderBoard(routes: Record<string, Route> = {}) {
  const calls = fakeApi({
    'GET /api/config': () => ok(config),
    'GET /api/patients': () => ok([grace], { total: 1, limit: 10, offset: 0 }),
    ...routes,
  }).calls;
  const { columns, rowLabels } = dayGrid({
    date: '2030-06-03',
    clinic,
    doctors: [ada, bo],
    appointments: [visit],
    timeOff: new Map(),
  });
  renderWithApp(
    // The block's menu links to the patient page.
    <MemoryRouter>
      <CalendarBoard label="Day" columns={columns.map((c) => ({ ...c, heading: c.doctor.name }))} rowLabels={rowLabels} />
    </MemoryRouter>,
  );
  return calls;
}

describe('the calendar board', () => {
  it('books a clicked free cell for a patient found by typing; Enter books with an Idempotency-Key', async () => {
    const user = userEvent.setup();
    const calls = renderBoard({ 'POST /api/appointments': (r) => ok({ ...visit, id: 'a2', start: (r.body as { start: string }).start }) });
    await user.click(await screen.findByRole('gridcell', { name: '11:00, Dr Bo, free' }));
    const dialog = screen.getByRole('dialog', { name: /^Book Dr Bo, .* 11:00$/ });
    await user.type(within(dialog).getByRole('combobox', { name: 'Patient' }), 'gra');
    await within(dialog).findByRole('option', { name: /Grace Hopper/ });
    await user.keyboard('{ArrowDown}{Enter}');
    await user.type(within(dialog).getByLabelText('Reason'), 'Walk-in{Enter}');
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ doctorId: 'd2', patientId: 'p1', start: '2030-06-03T10:00:00.000Z', reason: 'Walk-in' });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('moves a visit to another doctor’s column by keyboard, naming that doctor to the server', async () => {
    const user = userEvent.setup();
    const calls = renderBoard({
      'POST /api/appointments/a1/reschedule': (request) =>
        ok({ ...visit, ...(request.body as object), doctorId: 'd2', doctor: { id: 'd2', name: 'Dr Bo', specialty: 'Cardiology' } }),
    });
    await user.click(await screen.findByRole('button', { name: /^10:00–10:30 Grace Hopper/ }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Move' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Moving Grace Hopper.');
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('status')).toHaveTextContent('10:00 to 10:30, Dr Bo');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      start: '2030-06-03T09:00:00.000Z',
      end: '2030-06-03T09:30:00.000Z',
      doctorId: 'd2',
    });
    expect(await screen.findByText(/Moved: Grace Hopper with Dr Bo/)).toBeInTheDocument();
  });

  it('snaps a move back when the server answers 409, with who is busy and when', async () => {
    const user = userEvent.setup();
    const calls = renderBoard({
      'POST /api/appointments/a1/reschedule': () => fail(409, 'BOOKING_CONFLICT', 'Time slot not available'),
      'GET /api/appointments': () => ok([], { total: 0, limit: 500, offset: 0 }),
      'GET /api/availability': () => ok({ doctorId: 'd1', date: '2030-06-03', timezone: 'Europe/London', slotMinutes: 30, slots: [] }),
    });
    await user.click(await screen.findByRole('button', { name: /^10:00–10:30 Grace Hopper/ }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Move' }));
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Dr Ada is no longer free at that time.');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ start: '2030-06-03T09:30:00.000Z', end: '2030-06-03T10:00:00.000Z' });
    expect(screen.getByRole('button', { name: /^10:00–10:30 Grace Hopper/ })).toBeInTheDocument();
  });
});
