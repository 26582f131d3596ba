import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Appointment, Doctor, TimeOff } from '../../services/api';
import { dayGrid } from './day-grid';
import { TimeGrid } from './time-grid';

const clinic = { timezone: 'America/New_York', clinicStartHour: 9, clinicEndHour: 17 };
const allDay = { mon: [{ start: '00:00', end: '24:00' }], sun: [{ start: '00:00', end: '24:00' }] };

function doctor(id: string, name: string, schedule: Doctor['schedule'] = null): Doctor {
  return {
    id,
    _id: id,
    name,
    specialty: 'Family Medicine',
    email: null,
    phone: null,
    slotMinutes: 30,
    schedule,
    createdAt: '',
    updatedAt: '',
  };
}

function visit(id: string, doctorId: string, start: string, end: string, status: Appointment['status'] = 'BOOKED'): Appointment {
  return {
    id,
    _id: id,
    doctorId,
    patientId: `p-${id}`,
    doctor: { id: doctorId, name: 'Dr Test', specialty: 'Family Medicine' },
    patient: { id: `p-${id}`, name: `Patient ${id}` },
    start,
    end,
    status,
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
}

function renderDay(date: string, doctors: Doctor[], appointments: Appointment[] = [], timeOff = new Map<string, TimeOff[]>()) {
  const { columns, rowLabels } = dayGrid({ date, clinic, doctors, appointments, timeOff });
  const onBook = vi.fn();
  render(
    <TimeGrid
      label="Day"
      columns={columns.map((c) => ({ ...c, heading: c.doctor.name }))}
      rowLabels={rowLabels}
      timezone={clinic.timezone}
      now={Date.parse('2026-01-01T00:00:00Z')}
      moving={null}
      onBook={onBook}
      onOpen={vi.fn()}
      onMove={vi.fn(async () => undefined)}
      onMoveEnd={vi.fn()}
      announce={vi.fn()}
    />,
  );
  return { onBook, rowLabels: screen.getAllByRole('rowheader').map((h) => h.textContent) };
}

describe('the day grid', () => {
  it('has a row every 15 minutes across the union of the doctors’ hours', () => {
    const early = doctor('d1', 'Dr Early', { weekly: { tue: [{ start: '08:00', end: '12:00' }] } });
    const late = doctor('d2', 'Dr Late', { weekly: { tue: [{ start: '13:00', end: '18:30' }] } });
    const { rowLabels } = renderDay('2026-06-09', [early, late]);
    expect(rowLabels.slice(0, 5)).toEqual(['08:00', '08:15', '08:30', '08:45', '09:00']);
    expect(rowLabels.at(-1)).toBe('18:45');
    expect(rowLabels).toHaveLength(11 * 4);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Time', 'Dr Early', 'Dr Late']);
  });

  it('leaves out a doctor who does not work that day and has no visit on it', () => {
    renderDay('2026-06-09', [
      doctor('d1', 'Dr Weekdays'),
      doctor('d2', 'Dr Mondays', { weekly: { mon: [{ start: '09:00', end: '17:00' }] } }),
    ]);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Time', 'Dr Weekdays']);
  });

  it('is 23 hours long on the spring-forward day in America/New_York: 02:00 to 02:45 never happen', () => {
    const { rowLabels } = renderDay('2026-03-08', [doctor('d1', 'Dr Night', { weekly: allDay })]);
    expect(rowLabels).toHaveLength(23 * 4);
    expect(rowLabels.slice(6, 10)).toEqual(['01:30', '01:45', '03:00', '03:15']);
    expect(rowLabels.at(-1)).toBe('23:45');
  });

  it('is 25 hours long on the fall-back day: the repeated hour shows twice, told apart by its zone', () => {
    const { rowLabels } = renderDay('2026-11-01', [doctor('d1', 'Dr Night', { weekly: allDay })]);
    expect(rowLabels).toHaveLength(25 * 4);
    expect(rowLabels.slice(4, 12)).toEqual([
      '01:00 EDT',
      '01:15 EDT',
      '01:30 EDT',
      '01:45 EDT',
      '01:00 EST',
      '01:15 EST',
      '01:30 EST',
      '01:45 EST',
    ]);
    expect(rowLabels[12]).toBe('02:00');
  });

  it('draws overlapping visits side by side, a cancelled one beside the booking that replaced it', () => {
    const d = doctor('d1', 'Dr Busy');
    renderDay(
      '2026-06-09',
      [d],
      [
        visit('a', 'd1', '2026-06-09T14:00:00.000Z', '2026-06-09T14:30:00.000Z', 'CANCELLED'),
        visit('b', 'd1', '2026-06-09T14:00:00.000Z', '2026-06-09T14:30:00.000Z'),
        visit('c', 'd1', '2026-06-09T15:00:00.000Z', '2026-06-09T15:30:00.000Z'),
      ],
    );
    const [cancelled, booked, alone] = ['Patient a', 'Patient b', 'Patient c'].map((name) =>
      screen.getByRole('button', { name: new RegExp(name) }),
    );
    expect([cancelled!.style.left, cancelled!.style.width]).toEqual(['0%', 'calc(50% - 2px)']);
    expect([booked!.style.left, booked!.style.width]).toEqual(['50%', 'calc(50% - 2px)']);
    expect([alone!.style.left, alone!.style.width]).toEqual(['0%', 'calc(100% - 2px)']);
    // 10:00 New York (EDT): two rows of 15 minutes tall, in the 10:00 row.
    expect(booked!.style.height).toBe('calc(var(--row-h) * 2 - 2px)');
    expect(booked!.closest('[role="gridcell"]')).toBe(screen.getAllByRole('row')[1 + 4]!.querySelector('[role="gridcell"]'));
  });

  it('shades hours outside the rota and the doctor’s time off, which cannot be booked', () => {
    const d = doctor('d1', 'Dr Away', { weekly: { tue: [{ start: '09:00', end: '12:00' }] } });
    const other = doctor('d2', 'Dr Long', { weekly: { tue: [{ start: '09:00', end: '13:00' }] } });
    const off: TimeOff = {
      id: 't1',
      _id: 't1',
      doctorId: 'd1',
      start: '2026-06-09T14:00:00.000Z',
      end: '2026-06-09T15:00:00.000Z',
      reason: 'training',
      createdAt: '',
    };
    const { onBook } = renderDay('2026-06-09', [d, other], [], new Map([['d1', [off]]]));
    const away = screen.getByRole('gridcell', { name: '10:15, Dr Away, time off' });
    expect(away).toHaveClass('cal-away');
    expect(away).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('gridcell', { name: '12:30, Dr Away, not working' })).toHaveClass('cal-off');
    fireEvent.click(away);
    expect(onBook).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('gridcell', { name: '11:00, Dr Away, free' }));
    expect(onBook).toHaveBeenCalledWith(expect.objectContaining({ key: 'd1' }), Date.parse('2026-06-09T15:00:00.000Z'));
  });

  it('moves the focus with the arrow keys, one cell or visit in the Tab order at a time', () => {
    renderDay(
      '2026-06-09',
      [doctor('d1', 'Dr One'), doctor('d2', 'Dr Two')],
      [visit('v', 'd1', '2026-06-09T13:15:00.000Z', '2026-06-09T13:45:00.000Z')],
    );
    const grid = screen.getByRole('grid', { name: 'Day' });
    const start = screen.getByRole('gridcell', { name: '09:00, Dr One, free' });
    expect(
      within(grid)
        .getAllByRole('gridcell')
        .filter((c) => c.tabIndex === 0),
    ).toEqual([start]);
    start.focus();
    fireEvent.keyDown(start, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /Patient v/ }));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('gridcell', { name: '09:45, Dr One, free' }));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(screen.getByRole('gridcell', { name: '09:45, Dr Two, free' }));
    expect(
      within(grid)
        .getAllByRole('gridcell')
        .filter((c) => c.tabIndex === 0),
    ).toEqual([document.activeElement]);
  });
});
