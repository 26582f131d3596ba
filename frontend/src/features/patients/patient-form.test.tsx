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
    await user.type(await screen.findByLabelText('Email'), 'grace@');
    await user.type(screen.getByLabelText('Phone'), 'call me');
    await user.type(screen.getByLabelText('Date of birth'), '2099-01-01');
    await user.click(screen.getByRole('button', { name: 'Add patient' }));
    await waitFor(() => expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('must not be empty'));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Optional; a child may have none must be a valid email address');
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Phone')).toHaveAccessibleDescription('Optional must be a phone number such as +44 20 7946 0958');
    expect(screen.getByLabelText('Date of birth')).toHaveAccessibleDescription('Optional must not be in the future');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('adds a patient without an email, leaving the field out of the request', async () => {
    const { calls } = fakeApi({
      'GET /api/config': () => ok(config),
      'POST /api/patients': (r) => ({ status: 201, ...ok({ id: 'p9', email: null, ...(r.body as object) }) }),
    });
    const user = userEvent.setup();
    renderWithApp(<PatientForm />);
    await user.type(await screen.findByLabelText('Name'), 'Ada Junior');
    await user.click(screen.getByRole('button', { name: 'Add patient' }));
    expect(await screen.findByText('Added Ada Junior.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'Ada Junior' });
  });

  it('keeps the error line’s space when no error shows, so the inputs do not move when one appears', async () => {
    fakeApi({ 'GET /api/config': () => ok(config) });
    renderWithApp(<PatientForm />);
    const name = await screen.findByLabelText('Name');
    const errorLine = name.nextElementSibling;
    expect(errorLine).toHaveClass('field-error');
    expect(errorLine).toBeEmptyDOMElement();
    expect(name).not.toHaveAttribute('aria-describedby');
  });

  it('adds the patient, reports it and clears the form', async () => {
    const { calls } = fakeApi({
      'GET /api/config': () => ok(config),
      'POST /api/patients': (r) => ({ status: 201, ...ok({ id: 'p1', ...(r.body as object) }) }),
    });
    const user = userEvent.setup();
    renderWithApp(<PatientForm />);
    await fillAndSubmit(user, 'grace@example.com');
    expect(await screen.findByText('Added Grace Hopper.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add patient' })).not.toBeDisabled();
    expect(screen.getByLabelText('Name')).toHaveValue('');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'Grace Hopper', email: 'grace@example.com' });
  });

  it('shows a taken email as a message on the email field, not as an alert with a reference', async () => {
    fakeApi({
      'GET /api/config': () => ok(config),
      'POST /api/patients': () => {
        const reply = fail(409, 'DUPLICATE', 'A patient with this email already exists', 'corr-dup');
        const body = reply.body as { error: Record<string, unknown> };
        body.error.details = [{ path: 'email', message: 'already registered' }];
        return reply;
      },
    });
    const user = userEvent.setup();
    renderWithApp(<PatientForm />);
    await fillAndSubmit(user, 'grace@example.com');
    await waitFor(() =>
      expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Optional; a child may have none already registered'),
    );
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByText('corr-dup')).not.toBeInTheDocument();
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
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Optional; a child may have none Invalid email address');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
