import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, fakeApi, ok } from '../../test/fake-api';
import { clinicConfig, emptyLists, meAs, renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

const demoAccounts = [
  { email: 'admin@demo.clinic', password: 'Demo-Admin-Pass-2026', role: 'admin', name: 'Demo Admin' },
  { email: 'desk@demo.clinic', password: 'Demo-Desk-Pass-2026', role: 'staff', name: 'Front Desk' },
];

async function submitCredentials(user: ReturnType<typeof userEvent.setup>, email: string, password: string) {
  await user.type(await screen.findByLabelText('Email'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('sign-in page', () => {
  it('signs in with email and password and opens the start page of the role', async () => {
    const { calls } = fakeApi({
      ...emptyLists,
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => fail(401, 'UNAUTHENTICATED', 'Sign in first'),
      'POST /api/auth/login': () => ok(meAs('staff')),
    });
    const user = userEvent.setup({ delay: null });
    const { router } = renderApp('/sign-in');
    await submitCredentials(user, 'desk@clinic.test', 'a long enough password');
    expect(await screen.findByRole('heading', { level: 1, name: 'Schedule' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
    expect(calls.find((c) => c.path === '/api/auth/login')?.body).toEqual({
      email: 'desk@clinic.test',
      password: 'a long enough password',
    });
  });

  it('asks for the authenticator code after TOTP_REQUIRED, focuses it, and sends it with the password', async () => {
    const { calls } = fakeApi({
      ...emptyLists,
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => fail(401, 'UNAUTHENTICATED', 'Sign in first'),
      'POST /api/auth/login': (r) =>
        (r.body as { totp?: string }).totp === '123456'
          ? ok(meAs('admin', { totpEnabled: true }))
          : fail(401, 'TOTP_REQUIRED', 'A code is required'),
    });
    const user = userEvent.setup({ delay: null });
    renderApp('/sign-in');
    expect(screen.queryByLabelText('Authentication code')).not.toBeInTheDocument();
    await submitCredentials(user, 'admin@clinic.test', 'a long enough password');

    const code = await screen.findByLabelText('Authentication code');
    expect(code).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('second step');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(code).toHaveAccessibleDescription(/6 digits.*Enter the 6-digit code/);
    await user.type(code, '123456');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('heading', { level: 1, name: 'Schedule' });
    const logins = calls.filter((c) => c.path === '/api/auth/login');
    expect(logins.map((c) => c.body)).toEqual([
      { email: 'admin@clinic.test', password: 'a long enough password' },
      { email: 'admin@clinic.test', password: 'a long enough password', totp: '123456' },
    ]);
  });

  it('says plainly when the credentials are wrong, with the reference, and stays on the page', async () => {
    fakeApi({
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => fail(401, 'UNAUTHENTICATED', 'Sign in first'),
      'POST /api/auth/login': () => fail(401, 'INVALID_CREDENTIALS', 'Email or password is wrong', 'corr-login'),
    });
    const user = userEvent.setup({ delay: null });
    const { router } = renderApp('/sign-in');
    await submitCredentials(user, 'who@clinic.test', 'not the password');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Email or password is wrong');
    expect(alert).toHaveTextContent('corr-login');
    expect(router.state.location.pathname).toBe('/sign-in');
  });

  it('lists the demo accounts only when the server sends them, and fills one in', async () => {
    fakeApi({
      'GET /api/config': () => ok({ ...clinicConfig, demoAccounts }),
      'GET /api/auth/me': () => fail(401, 'UNAUTHENTICATED', 'Sign in first'),
    });
    const user = userEvent.setup({ delay: null });
    renderApp('/sign-in');
    const list = await screen.findByRole('region', { name: 'Demo accounts list' });
    expect(within(list).getAllByRole('row')).toHaveLength(3);
    await user.click(within(list).getByRole('button', { name: 'Fill in staff account' }));
    expect(screen.getByLabelText('Email')).toHaveValue('desk@demo.clinic');
    expect(screen.getByLabelText('Password')).toHaveValue('Demo-Desk-Pass-2026');
    expect(screen.getByLabelText('Email')).toHaveFocus();
  });

  it('shows no demo accounts on a server without demo data', async () => {
    fakeApi({
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => fail(401, 'UNAUTHENTICATED', 'Sign in first'),
    });
    renderApp('/sign-in');
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(screen.queryByRole('heading', { name: 'Demo accounts' })).not.toBeInTheDocument();
  });
});
