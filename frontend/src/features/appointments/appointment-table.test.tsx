import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppointmentTable } from './appointment-table';

const base = {
  _id: 'a1',
  doctorId: 'd1',
  patientId: 'p1',
  doctor: { id: 'd1', name: 'Dr Ada Lovelace', specialty: 'Cardiology' },
  patient: { id: 'p1', name: 'Grace Hopper' },
  start: '2030-06-03T09:00:00.000Z',
  end: '2030-06-03T09:30:00.000Z',
  reason: 'Check-up',
  checkedInAt: null,
  checkedInBy: null,
  completedAt: null,
  completedBy: null,
  noShowAt: null,
  noShowBy: null,
  patientConfirmedAt: null,
  visitType: null,
  bufferMinutes: 0,
  site: { id: 's0', name: 'Main site', timezone: 'Europe/London' },
  createdAt: '2030-06-01T09:00:00.000Z',
  updatedAt: '2030-06-01T09:00:00.000Z',
};

describe('AppointmentTable', () => {
  it('shows why a cancelled appointment was cancelled, and labels each cell for the phone-width cards', () => {
    const appointments = [
      { ...base, id: 'a1', status: 'CANCELLED' as const, cancelledAt: '2030-06-02T09:00:00.000Z', cancellationReason: 'Feeling better' },
      {
        ...base,
        id: 'a2',
        status: 'BOOKED' as const,
        cancelledAt: null,
        cancellationReason: null,
        visitType: { id: 'v1', name: 'New patient' },
        bufferMinutes: 10,
      },
    ];
    render(
      <AppointmentTable
        appointments={appointments}
        timezone="Europe/London"
        onCancel={() => {}}
        onReschedule={() => {}}
        onStep={() => {}}
      />,
    );
    const [cancelled, booked] = screen.getAllByRole('row').slice(1);
    expect(within(cancelled!).getByText('Cancelled because: Feeling better')).toBeInTheDocument();
    expect(within(booked!).queryByText(/Cancelled because/)).not.toBeInTheDocument();
    expect(within(booked!).getByRole('button', { name: 'Reschedule' })).toBeInTheDocument();
    const labels = within(booked!)
      .getAllByRole('cell')
      .map((cell) => cell.getAttribute('data-label'));
    expect(labels).toEqual(['Time', 'Patient', 'Doctor', 'Reason', 'Status', null]);
    expect(within(booked!).getByText(/Mon, Jun 3, 2030/)).toBeInTheDocument();
    expect(within(booked!).getByText('New patient')).toHaveClass('visit-type');
    expect(within(cancelled!).queryByText('New patient')).not.toBeInTheDocument();
  });

  it('offers each status only the steps the server allows, and shows who recorded each one and when', async () => {
    const steps: Array<[string, string]> = [];
    const appointments = [
      { ...base, id: 'b1', status: 'BOOKED' as const, cancelledAt: null, cancellationReason: null },
      {
        ...base,
        id: 'b2',
        status: 'CHECKED_IN' as const,
        cancelledAt: null,
        cancellationReason: null,
        checkedInAt: '2030-06-03T08:58:00.000Z',
        checkedInBy: 'desk@clinic.example',
      },
      { ...base, id: 'b3', status: 'COMPLETED' as const, cancelledAt: null, cancellationReason: null },
      { ...base, id: 'b4', status: 'NO_SHOW' as const, cancelledAt: null, cancellationReason: null },
    ];
    render(
      <AppointmentTable
        appointments={appointments}
        timezone="Europe/London"
        onCancel={() => {}}
        onReschedule={() => {}}
        onStep={(appointment, step) => steps.push([appointment.id, step])}
        stepping="b2"
      />,
    );
    const [booked, arrived, completed, missed] = screen.getAllByRole('row').slice(1);
    const buttons = (row: HTMLElement) =>
      within(row)
        .queryAllByRole('button')
        .map((button) => button.textContent);
    expect(buttons(booked!)).toEqual(['Check in', 'No-show', 'Reschedule', 'Cancel']);
    expect(buttons(arrived!)).toEqual(['Complete']);
    expect(within(arrived!).getByRole('button', { name: 'Complete' })).toBeDisabled();
    expect(buttons(completed!)).toEqual([]);
    expect(buttons(missed!)).toEqual([]);
    expect(within(arrived!).getByText('Checked in')).toHaveClass('badge-checked-in');
    expect(within(arrived!).getByText('Arrived 09:58 by desk@clinic.example')).toBeInTheDocument();
    expect(within(missed!).getByText('No-show')).toHaveClass('badge-no-show');
    within(booked!).getByRole('button', { name: 'Check in' }).click();
    within(booked!).getByRole('button', { name: 'No-show' }).click();
    expect(steps).toEqual([
      ['b1', 'check-in'],
      ['b1', 'no-show'],
    ]);
  });
});
