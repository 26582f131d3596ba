import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, ok } from '../../test/fake-api';
import { renderWithApp } from '../../test/render';
import { DoctorForm } from './doctor-form';

const config = { timezone: 'Europe/London', clinicStartHour: 9, clinicEndHour: 17, defaultSlotMinutes: 30 };

afterEach(() => vi.unstubAllGlobals());

describe('DoctorForm', () => {
  it('says what the server’s 400 would say, next to each field, without calling the API', async () => {
    const { calls } = fakeApi({ 'GET /api/config': () => ok(config) });
    const user = userEvent.setup();
    renderWithApp(<DoctorForm />);
    await user.type(await screen.findByLabelText('Email'), 'maria@');
    await user.type(screen.getByLabelText('Phone'), 'call me');
    await user.type(screen.getByLabelText('Slot length (minutes)'), '4');
    await user.click(screen.getByRole('button', { name: 'Add doctor' }));
    await waitFor(() => expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('must not be empty'));
    expect(screen.getByLabelText('Specialty')).toHaveAccessibleDescription('must not be empty');
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Optional must be a valid email address');
    expect(screen.getByLabelText('Phone')).toHaveAccessibleDescription('Optional must be a phone number such as +44 20 7946 0958');
    expect(screen.getByLabelText('Slot length (minutes)')).toHaveAccessibleDescription(
      'Optional, clinic default if empty Too small: expected number to be >=5',
    );
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('sends a doctor that passes the rules, leaving out the empty optional fields', async () => {
    const { calls } = fakeApi({
      'GET /api/config': () => ok(config),
      'POST /api/doctors': (r) => ({ status: 201, ...ok({ id: 'd1', ...(r.body as object) }) }),
    });
    const user = userEvent.setup();
    renderWithApp(<DoctorForm />);
    await user.type(await screen.findByLabelText('Name'), 'Dr. Maria Alvarez');
    await user.type(screen.getByLabelText('Specialty'), 'Cardiology');
    await user.click(screen.getByRole('button', { name: 'Add doctor' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Added Dr. Maria Alvarez (Cardiology).');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'Dr. Maria Alvarez', specialty: 'Cardiology' });
  });
});
