import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, fakeApi, ok, type FakeRequest } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';
import { timeLeft } from './hold-countdown';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

// 13:00 UTC is 09:00 in New York in June: the page shows the site's wall time.
const offer = (changes: Record<string, unknown> = {}) => ({
  status: 'open',
  expiresAt: inMinutes(90),
  appointment: {
    start: '2030-06-03T13:00:00.000Z',
    end: '2030-06-03T13:30:00.000Z',
    doctor: { name: 'Dr. Ada Byron', specialty: 'Cardiology' },
    visitType: null,
    site: { name: 'Harbour clinic', address: '5 Pier Road', timezone: 'America/New_York' },
  },
  patient: { firstName: 'Grace' },
  ...changes,
});

describe('the offer page a waitlist link opens', () => {
  it('shows the held time in the site’s zone and how long it is held, and books it on Accept', async () => {
    const sent: FakeRequest[] = [];
    fakeApi({
      'GET /api/offers/tok': () => ok(offer()),
      'POST /api/offers/tok/accept': (request) => {
        sent.push(request);
        return ok({ status: 'accepted', appointment: { id: 'a1' } });
      },
    });
    const { router } = renderApp('/offer/tok');
    expect(await screen.findByText('Hello Grace,')).toBeInTheDocument();
    expect(screen.getByText(/09:00–09:30/)).toBeInTheDocument();
    expect(screen.getByText(/^1 h (29|30) min$/)).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Accept this time' }));
    expect(await screen.findByRole('status')).toHaveTextContent('It is booked.');
    expect(sent).toHaveLength(1);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/offer/tok');
  });

  it('says so when declined', async () => {
    fakeApi({
      'GET /api/offers/tok': () => ok(offer()),
      'POST /api/offers/tok/decline': () => ok({ status: 'declined' }),
    });
    renderApp('/offer/tok');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Decline' }));
    expect(await screen.findByRole('status')).toHaveTextContent('You said no to this time.');
  });

  it('turns to expired when the server says the hold ran out', async () => {
    fakeApi({
      'GET /api/offers/tok': () => ok(offer()),
      'POST /api/offers/tok/accept': () => fail(409, 'OFFER_EXPIRED', 'The hold on this time has ended'),
    });
    renderApp('/offer/tok');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Accept this time' }));
    expect(await screen.findByRole('status')).toHaveTextContent('This offer has expired.');
    expect(screen.queryByRole('button', { name: 'Accept this time' })).not.toBeInTheDocument();
  });

  it('stops offering Accept when the countdown reaches zero', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    fakeApi({ 'GET /api/offers/tok': () => ok(offer({ expiresAt: new Date(Date.now() + 3_000).toISOString() })) });
    renderApp('/offer/tok');
    expect(await screen.findByRole('button', { name: 'Accept this time' })).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(4_000));
    expect(screen.getByRole('status')).toHaveTextContent('This offer has expired.');
  });

  it.each([
    ['accepted', 'It is booked.'],
    ['declined', 'You said no to this time.'],
    ['expired', 'This offer has expired.'],
    ['withdrawn', 'This offer is no longer open.'],
  ])('shows an offer already %s without buttons', async (status, text) => {
    fakeApi({ 'GET /api/offers/tok': () => ok(offer({ status })) });
    renderApp('/offer/tok');
    expect(await screen.findByRole('status')).toHaveTextContent(text);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('says plainly when the link is not valid', async () => {
    fakeApi({ 'GET /api/offers/bad': () => fail(404, 'LINK_INVALID', 'This link is not valid or has expired') });
    renderApp('/offer/bad');
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is not valid or has expired.');
  });
});

describe('timeLeft', () => {
  it('reads hours and minutes, then minutes and seconds, and never goes below zero', () => {
    const now = Date.parse('2030-06-01T10:00:00Z');
    expect(timeLeft('2030-06-01T11:04:30Z', now)).toBe('1 h 04 min');
    expect(timeLeft('2030-06-01T10:03:20Z', now)).toBe('3 min 20 s');
    expect(timeLeft('2030-06-01T10:00:09Z', now)).toBe('9 s');
    expect(timeLeft('2030-06-01T09:00:00Z', now)).toBe('0 s');
  });
});
