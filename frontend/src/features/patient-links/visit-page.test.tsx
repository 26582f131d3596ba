import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, fakeApi, ok, type FakeRequest } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

// 09:30 UTC is 10:30 in London (summer time): the page must show the site's wall time.
const visit = (purpose: 'view' | 'confirm' | 'cancel', changes: Record<string, unknown> = {}) => ({
  purpose,
  appointment: {
    id: 'a1',
    start: '2030-06-03T09:30:00.000Z',
    end: '2030-06-03T10:00:00.000Z',
    status: 'BOOKED',
    patientConfirmedAt: null,
    patient: { firstName: 'Grace' },
    doctor: { name: 'Dr. Ada Byron', specialty: 'Dermatology' },
    visitType: { name: 'Skin check' },
    site: { name: 'North clinic', address: '1 High Street, York', timezone: 'Europe/London' },
    ...changes,
  },
  cancellable: true,
  cancelBefore: '2030-06-02T09:30:00.000Z',
});

describe('the visit page a patient link opens', () => {
  it('shows the visit in the site’s zone without asking anyone to sign in', async () => {
    const api = fakeApi({ 'GET /api/visit/tok': () => ok(visit('view')) });
    const { router } = renderApp('/visit/tok');
    expect(await screen.findByText('Hello Grace,')).toBeInTheDocument();
    expect(screen.getByText(/10:30–11:00/)).toBeInTheDocument();
    expect(screen.getByText('Dr. Ada Byron, Dermatology')).toBeInTheDocument();
    expect(screen.getByText('1 High Street, York')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/visit/tok');
    expect(api.calls.map((call) => call.path)).toEqual(['/api/visit/tok']);
  });

  it('confirms attendance with one button and says so', async () => {
    const sent: FakeRequest[] = [];
    fakeApi({
      'GET /api/visit/tok': () => ok(visit('confirm')),
      'POST /api/visit/tok/confirm': (request) => {
        sent.push(request);
        return ok(visit('confirm', { patientConfirmedAt: '2030-06-01T08:00:00.000Z' }));
      },
    });
    renderApp('/visit/tok');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Confirm I will come' }));
    expect(await screen.findByRole('status')).toHaveTextContent('you have confirmed you will come');
    expect(sent).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Confirm I will come' })).not.toBeInTheDocument();
  });

  it('cancels only after the patient says yes, and can be backed out of', async () => {
    const sent: FakeRequest[] = [];
    fakeApi({
      'GET /api/visit/tok': () => ok(visit('cancel')),
      'POST /api/visit/tok/cancel': (request) => {
        sent.push(request);
        return ok({ ...visit('cancel', { status: 'CANCELLED' }), cancellable: false });
      },
    });
    renderApp('/visit/tok');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Cancel appointment' }));
    expect(screen.getByRole('heading', { name: /Cancel your appointment on .* 10:30–11:00\?/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'No, keep it' }));
    expect(sent).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Cancel appointment' }));
    await user.click(screen.getByRole('button', { name: 'Yes, cancel it' }));
    expect(await screen.findByRole('status')).toHaveTextContent('This appointment is cancelled.');
    expect(sent).toHaveLength(1);
  });

  it('says it is too late when the server refuses inside the notice period', async () => {
    fakeApi({
      'GET /api/visit/tok': () => ok(visit('cancel')),
      'POST /api/visit/tok/cancel': () => fail(409, 'CANCEL_TOO_LATE', 'Appointments can be cancelled online until 24 hours before'),
    });
    renderApp('/visit/tok');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Cancel appointment' }));
    await user.click(screen.getByRole('button', { name: 'Yes, cancel it' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('It is too late to cancel online.');
  });

  it('offers no cancel button once the notice period has begun', async () => {
    fakeApi({ 'GET /api/visit/tok': () => ok({ ...visit('cancel'), cancellable: false }) });
    renderApp('/visit/tok');
    expect(await screen.findByRole('status')).toHaveTextContent(/too late to cancel online.*closed at .* 10:30/i);
    expect(screen.queryByRole('button', { name: 'Cancel appointment' })).not.toBeInTheDocument();
  });

  it('says plainly when the link is not valid or has expired', async () => {
    fakeApi({ 'GET /api/visit/bad': () => fail(404, 'LINK_INVALID', 'This link is not valid or has expired') });
    renderApp('/visit/bad');
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is not valid or has expired.');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
