import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, fakeApi, ok } from '../../test/fake-api';
import { renderWithApp } from '../../test/render';
import { PatientForm } from './patient-form';

const config = { timezone: 'Europe/London', clinicStartHour: 9, clinicEndHour: 17, defaultSlotMinutes: 30 };

afterEach(() => vi.unstubAllGlobals());

async function fillAndSubmit(user: ReturnType<typeof userEvent.setup>, email: string) {
  await user.type(await screen.findByLabelText('Name'), 'Grace Hopper');
  await user.type(screen.getByLabelText('Email'), email);
  await user.click(screen.getByRole('button', { name: 'Add patient' }));
}

describe('PatientForm', () => {
  it('checks the fields with the server’s own rules and words before calling the API, next to each field', async () => {
    const { calls } = fakeApi({ 'GET /api/config': () => ok(config) });
    const user = userEvent.setup();
    renderWithApp(<PatientForm />);
    await user.click(await screen.findByRole('button', { name: 'Add patient' }));
    await waitFor(() => expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('must not be empty'));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('must be a valid email address');
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('adds the patient, reports it and clears the form', async () => {
    const { calls } = fakeApi({
      'GET /api/config': () => ok(config),
      'POST /api/patients': (r) => ({ status: 201, ...ok({ id: 'p1', ...(r.body as object) }) }),
    });
    const user = userEvent.setup();
    renderWithApp(<PatientForm />);
    await fillAndSubmit(user, 'grace@example.com');
    expect(await screen.findByRole('status')).toHaveTextContent('Added Grace Hopper.');
    expect(screen.getByLabelText('Name')).toHaveValue('');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'Grace Hopper', email: 'grace@example.com' });
  });

  it('shows the API message and correlation id for a duplicate email', async () => {
    fakeApi({
      'GET /api/config': () => ok(config),
      'POST /api/patients': () => fail(409, 'DUPLICATE', 'A patient with this email already exists', 'corr-dup'),
    });
    const user = userEvent.setup();
    renderWithApp(<PatientForm />);
    await fillAndSubmit(user, 'grace@example.com');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('A patient with this email already exists');
    expect(alert).toHaveTextContent('corr-dup');
  });

  it('puts the API’s per-field validation messages next to their fields', async () => {
    fakeApi({
      'GET /api/config': () => ok(config),
      'POST /api/patients': () => ({
        status: 400,
        body: {
          success: false,
          error: {
            code: 'VALIDATION_ERROR',
            message: 'Invalid request body',
            correlationId: 'corr-val',
            timestamp: '2030-01-01T00:00:00Z',
            details: [{ path: 'email', message: 'Invalid email address' }],
          },
        },
      }),
    });
    const user = userEvent.setup();
    renderWithApp(<PatientForm />);
    await fillAndSubmit(user, 'grace@example.co');
    expect(await screen.findByText('Invalid email address')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Invalid email address');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
