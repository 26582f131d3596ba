import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../services/api';
import { fakeApi, ok } from '../../test/fake-api';
import { clinicConfig, emptyLists, meAs, renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

const ada = {
  id: 'd1',
  _id: 'd1',
  name: 'Dr Ada Lovelace',
  specialty: 'Cardiology',
  email: null,
  phone: null,
  slotMinutes: 30,
  schedule: null,
};

function api(role: Role) {
  let current = ada;
  return fakeApi({
    ...emptyLists,
    'GET /api/config': () => ok(clinicConfig),
    'GET /api/auth/me': () => ok(meAs(role)),
    'GET /api/doctors': () => ok([current], { total: 1, limit: 500, offset: 0 }),
    'PATCH /api/doctors/d1': (request) => {
      current = { ...ada, ...(request.body as object) };
      return ok(current);
    },
  });
}

describe('editing doctors', () => {
  it('lets an admin change a doctor, checked with the server’s rules, and keeps focus on the row’s Edit button', async () => {
    const { calls } = api('admin');
    const user = userEvent.setup();
    renderApp('/doctors');
    await user.click(await screen.findByRole('button', { name: 'Edit Dr Ada Lovelace' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit doctor' });
    const slot = within(dialog).getByLabelText('Slot length (minutes)');
    expect(slot).toHaveValue(30);
    await user.clear(slot);
    await user.type(slot, '4');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(slot).toHaveAccessibleDescription(/Too small: expected number to be >=5/));
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);

    await user.clear(slot);
    await user.type(slot, '45');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      name: 'Dr Ada Lovelace',
      specialty: 'Cardiology',
      email: null,
      phone: null,
      slotMinutes: 45,
    });
    expect(await screen.findByText('Saved Dr Ada Lovelace.')).toBeInTheDocument();
    expect(await screen.findByRole('cell', { name: '45 min' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit Dr Ada Lovelace' })).toHaveFocus();
  });

  it('offers staff no Edit button: only an admin changes doctors', async () => {
    api('staff');
    renderApp('/doctors');
    expect(await screen.findByRole('cell', { name: 'Dr Ada Lovelace' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Edit/ })).not.toBeInTheDocument();
  });
});
