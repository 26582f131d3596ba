import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, fakeApi, noContent, ok } from '../../test/fake-api';
import { clinicConfig, emptyLists, meAs, renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

const patient = { id: 'p1', name: 'Ada Lovelace', email: 'ada@example.com', phone: null, dateOfBirth: null };

async function signIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('Email'), 'desk@clinic.test');
  await user.type(screen.getByLabelText('Password'), 'a long enough password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('session handling', () => {
  it('sends a visitor without a session to sign in, then back to the page they opened', async () => {
    let signedIn = false;
    fakeApi({
      ...emptyLists,
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => (signedIn ? ok(meAs('staff')) : fail(401, 'UNAUTHENTICATED', 'Sign in first')),
      'POST /api/auth/login': () => {
        signedIn = true;
        return ok(meAs('staff'));
      },
      'GET /api/patients': () => ok([patient], { total: 1, limit: 100, offset: 0 }),
    });
    const user = userEvent.setup({ delay: null });
    const { router } = renderApp('/patients?tab=all');
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/patients?tab=all')}`);

    await signIn(user);
    expect(await screen.findByRole('cell', { name: 'Ada Lovelace' })).toBeInTheDocument();
    expect(`${router.state.location.pathname}${router.state.location.search}`).toBe('/patients?tab=all');
  });

  it('returns to sign-in when the session expires mid-visit (any 401), then back where the user was', async () => {
    let sessionAlive = true;
    fakeApi({
      ...emptyLists,
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => ok(meAs('staff')),
      'POST /api/auth/login': () => {
        sessionAlive = true;
        return ok(meAs('staff'));
      },
      'GET /api/patients': () =>
        sessionAlive ? ok([patient], { total: 1, limit: 100, offset: 0 }) : fail(401, 'UNAUTHENTICATED', 'Session expired'),
    });
    const user = userEvent.setup({ delay: null });
    const { router } = renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Schedule' });

    sessionAlive = false;
    await user.click(screen.getByRole('link', { name: 'Patients' }));
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(router.state.location.search).toBe('?next=%2Fpatients');

    await signIn(user);
    expect(await screen.findByRole('cell', { name: 'Ada Lovelace' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/patients');
  });

  it('does not follow a next address that leaves the app', async () => {
    fakeApi({
      ...emptyLists,
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => fail(401, 'UNAUTHENTICATED', 'Sign in first'),
      'POST /api/auth/login': () => ok(meAs('staff')),
    });
    const user = userEvent.setup({ delay: null });
    const { router } = renderApp(`/sign-in?next=${encodeURIComponent('//evil.example/phish')}`);
    await signIn(user);
    await screen.findByRole('heading', { level: 1, name: 'Schedule' });
    expect(router.state.location.pathname).toBe('/');
  });

  it('signs out: ends the session on the server, forgets cached data, and shows sign-in without a way back', async () => {
    const { calls } = fakeApi({
      ...emptyLists,
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => ok(meAs('staff')),
      'POST /api/auth/logout': noContent,
      'GET /api/patients': () => ok([patient], { total: 1, limit: 100, offset: 0 }),
    });
    const user = userEvent.setup({ delay: null });
    const { router, queryClient } = renderApp('/patients');
    await screen.findByRole('cell', { name: 'Ada Lovelace' });
    const header = screen.getByRole('banner');
    expect(header).toHaveTextContent('Test staff (staff)');

    await user.click(within(header).getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    await screen.findByRole('button', { name: 'Sign in' });
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe('');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/auth/logout']);
    expect(queryClient.getQueryData(['patients', { q: '', limit: 100 }])).toBeUndefined();
    expect(screen.queryByText(/You are signed in/)).not.toBeInTheDocument();
  });

  it('skips sign-in entirely when the server runs with AUTH_MODE=off', async () => {
    const { calls } = fakeApi({
      ...emptyLists,
      'GET /api/config': () => ok({ ...clinicConfig, authMode: 'off' }),
    });
    renderApp('/sign-in');
    await screen.findByRole('heading', { level: 1, name: 'Schedule' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Accounts' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'My account' })).not.toBeInTheDocument();
    expect(screen.getByRole('banner')).toHaveTextContent('Local access (auth off)');
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
    expect(calls.some((c) => c.path.startsWith('/api/auth/'))).toBe(false);
  });
});
