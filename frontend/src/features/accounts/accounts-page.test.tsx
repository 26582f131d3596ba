import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../services/admin-api';
import { fakeApi, noContent, ok } from '../../test/fake-api';
import { clinicConfig, emptyLists, meAs, renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

const doctor = { id: 'd1', name: 'Dr Grace Hopper', specialty: 'Cardiology', email: null, phone: null, slotMinutes: 30, schedule: null };
const stamp = '2030-06-01T10:00:00.000Z';

function accountsApi() {
  const accounts: Account[] = [
    {
      id: 'acc-admin',
      _id: 'acc-admin',
      email: 'admin@clinic.test',
      name: 'Test admin',
      role: 'admin',
      doctorId: null,
      disabled: false,
      totpEnabled: true,
      lastLoginAt: stamp,
      createdAt: stamp,
      updatedAt: stamp,
    },
    {
      id: 'acc-2',
      _id: 'acc-2',
      email: 'desk@clinic.test',
      name: 'Front Desk',
      role: 'staff',
      doctorId: null,
      disabled: false,
      totpEnabled: false,
      lastLoginAt: null,
      createdAt: stamp,
      updatedAt: stamp,
    },
  ];
  return fakeApi({
    ...emptyLists,
    'GET /api/config': () => ok(clinicConfig),
    'GET /api/auth/me': () => ok(meAs('admin')),
    'GET /api/doctors': () => ok([doctor], { total: 1, limit: 500, offset: 0 }),
    'GET /api/accounts': () => ok(accounts, { total: accounts.length, limit: 50, offset: 0 }),
    'POST /api/accounts': (r) => {
      const body = r.body as Account;
      const created = {
        ...body,
        id: 'acc-3',
        disabled: false,
        totpEnabled: false,
        lastLoginAt: null,
        createdAt: stamp,
        updatedAt: stamp,
        doctorId: body.doctorId ?? null,
      };
      accounts.push(created);
      return { status: 201, ...ok(created) };
    },
    'PATCH /api/accounts/acc-2': (r) => {
      accounts[1] = { ...accounts[1]!, ...(r.body as Partial<Account>) };
      return ok(accounts[1]);
    },
    'POST /api/accounts/acc-2/password': noContent,
  });
}

describe('accounts page', () => {
  it('creates a doctor account linked to its doctor, after checking the password length', async () => {
    const { calls } = accountsApi();
    const user = userEvent.setup({ delay: null });
    renderApp('/accounts');
    await user.type(await screen.findByLabelText('Name'), 'Grace Hopper');
    await user.type(screen.getByLabelText('Email'), 'grace@clinic.test');
    await user.selectOptions(screen.getByLabelText('Role'), 'doctor');
    await user.type(screen.getByLabelText('Initial password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Add account' }));
    expect(screen.getByLabelText('Linked doctor')).toHaveAccessibleDescription('Choose the doctor this account belongs to.');
    expect(screen.getByLabelText('Initial password')).toHaveAccessibleDescription(/Use at least 12 characters/);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.selectOptions(screen.getByLabelText('Linked doctor'), 'Dr Grace Hopper · Cardiology');
    await user.type(screen.getByLabelText('Initial password'), ' and then some');
    await user.click(screen.getByRole('button', { name: 'Add account' }));
    expect(await screen.findByText('Added Grace Hopper (doctor).')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      email: 'grace@clinic.test',
      name: 'Grace Hopper',
      role: 'doctor',
      doctorId: 'd1',
      password: 'short and then some',
    });
    const list = screen.getByRole('region', { name: 'Accounts list' });
    const row = (await within(list).findByRole('cell', { name: 'grace@clinic.test' })).closest('tr')!;
    expect(row).toHaveTextContent('Dr Grace Hopper');
  });

  it('disables an account, offers no way to disable one’s own, and resets a password', async () => {
    const { calls } = accountsApi();
    const user = userEvent.setup({ delay: null });
    renderApp('/accounts');
    const list = await screen.findByRole('region', { name: 'Accounts list' });
    expect(within(list).queryByRole('button', { name: 'Disable Test admin' })).not.toBeInTheDocument();

    await user.click(within(list).getByRole('button', { name: 'Disable Front Desk' }));
    expect(await screen.findByText('Disabled Front Desk; their sessions are ended.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ disabled: true });
    await within(list).findByRole('button', { name: 'Enable Front Desk' });

    await user.click(within(list).getByRole('button', { name: 'Reset password of Front Desk' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reset password' });
    await user.type(within(dialog).getByLabelText('New password'), 'a brand new passphrase');
    await user.click(within(dialog).getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText('New password set for Front Desk; their sessions are ended.')).toBeInTheDocument();
    expect(calls.find((c) => c.path === '/api/accounts/acc-2/password')?.body).toEqual({ password: 'a brand new passphrase' });
  });
});
