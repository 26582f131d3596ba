import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../services/api';
import { fakeApi, ok } from '../../test/fake-api';
import { clinicConfig, emptyLists, meAs, renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

const doctor = { id: 'd1', name: 'Dr Grace Hopper', specialty: 'Cardiology', email: null, phone: null, slotMinutes: 30, schedule: null };
const appointment = {
  id: 'a1',
  doctorId: 'd1',
  patientId: 'p1',
  doctor: { id: 'd1', name: doctor.name, specialty: doctor.specialty },
  patient: { id: 'p1', name: 'Ada Lovelace' },
  start: '2030-06-03T09:00:00.000Z',
  end: '2030-06-03T09:30:00.000Z',
  status: 'BOOKED',
  reason: 'Chest pain',
};

function signedInAs(role: Role) {
  return fakeApi({
    ...emptyLists,
    'GET /api/config': () => ok(clinicConfig),
    'GET /api/auth/me': () => ok(meAs(role)),
    'GET /api/doctors/d1': () => ok(doctor),
    'GET /api/appointments': () => ok([appointment], { total: 1, limit: 100, offset: 0 }),
  });
}

async function menuLinks(): Promise<string[]> {
  const nav = await screen.findByRole('navigation', { name: 'Main' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent ?? '');
}

describe('role-aware navigation', () => {
  it('gives an admin every page plus accounts, tokens and the audit log', async () => {
    signedInAs('admin');
    renderApp('/');
    expect(await menuLinks()).toEqual([
      'Schedule',
      'Book',
      'Appointments',
      'Doctors',
      'Sites',
      'Patients',
      'Waitlist',
      'Messages',
      'Accounts',
      'Tokens',
      'Webhooks',
      'Audit log',
      'My account',
    ]);
  });

  it('gives staff the desk pages but no admin page, and no doctor form on Doctors', async () => {
    signedInAs('staff');
    renderApp('/doctors');
    expect(await menuLinks()).toEqual([
      'Schedule',
      'Book',
      'Appointments',
      'Doctors',
      'Sites',
      'Patients',
      'Waitlist',
      'Messages',
      'My account',
    ]);
    await screen.findByRole('heading', { level: 1, name: 'Doctors' });
    expect(screen.queryByRole('button', { name: 'Add doctor' })).not.toBeInTheDocument();
  });

  it('tells staff opening an admin page by address that it is not theirs, without asking the API', async () => {
    const { calls } = signedInAs('staff');
    renderApp('/accounts');
    await screen.findByRole('heading', { level: 1, name: 'Not available to your account' });
    expect(calls.some((c) => c.path === '/api/accounts')).toBe(false);
  });

  it('gives a doctor only their own day, with patient name and reason', async () => {
    const { calls } = signedInAs('doctor');
    const { router } = renderApp('/');
    expect(await menuLinks()).toEqual(['My day', 'My account']);
    await screen.findByRole('heading', { level: 1, name: 'My day' });
    expect(router.state.location.pathname).toBe('/my-day');
    const day = await screen.findByRole('region', { name: 'Dr Grace Hopper' });
    expect(day).toHaveTextContent('Ada Lovelace');
    expect(day).toHaveTextContent('Chest pain');
    expect(calls.find((c) => c.path === '/api/appointments')?.url.searchParams.get('doctorId')).toBe('d1');
  });

  it('keeps a doctor out of the desk pages opened by address', async () => {
    const { calls } = signedInAs('doctor');
    renderApp('/patients');
    await screen.findByRole('heading', { level: 1, name: 'Not available to your account' });
    expect(screen.getByRole('link', { name: 'Go to your start page' })).toHaveAttribute('href', '/my-day');
    expect(calls.some((c) => c.path === '/api/patients')).toBe(false);
  });
});
