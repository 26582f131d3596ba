import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Token } from '../../services/admin-api';
import { fakeApi, noContent, ok } from '../../test/fake-api';
import { clinicConfig, emptyLists, meAs, renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

const SECRET = 'clk_0123456789abcdefghijklmnopqrstuv';
const base = { role: 'staff' as const, createdAt: '2030-06-01T10:00:00.000Z', expiresAt: '2099-08-30T10:00:00.000Z', revokedAt: null };

function tokensApi() {
  const tokens: Token[] = [{ id: 't0', _id: 't0', name: 'old-lab', lastUsedAt: '2030-06-02T08:15:00.000Z', ...base }];
  const api = fakeApi({
    ...emptyLists,
    'GET /api/config': () => ok(clinicConfig),
    'GET /api/auth/me': () => ok(meAs('admin')),
    'GET /api/tokens': () => ok(tokens, { total: tokens.length, limit: 200, offset: 0 }),
    'POST /api/tokens': (r) => {
      const created: Token = { id: 't1', _id: 't1', lastUsedAt: null, ...base, ...(r.body as Pick<Token, 'name' | 'role'>) };
      tokens.push(created);
      return { status: 201, ...ok({ ...created, secret: SECRET }) };
    },
    'DELETE /api/tokens/t0': () => {
      tokens[0] = { ...tokens[0]!, revokedAt: '2030-06-03T00:00:00.000Z' };
      return noContent();
    },
  });
  return api;
}

describe('tokens page', () => {
  it('shows a new token’s secret once, warns it will not be shown again, and forgets it after Done', async () => {
    const { calls } = tokensApi();
    // userEvent puts a clipboard of its own on navigator, which the page then writes to.
    const user = userEvent.setup({ delay: null });
    renderApp('/tokens');

    await user.type(await screen.findByLabelText('Name'), 'lab-integration');
    await user.clear(screen.getByLabelText('Expires after (days)'));
    await user.type(screen.getByLabelText('Expires after (days)'), '30');
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    const box = await screen.findByRole('region', { name: /Token “lab-integration” created/ });
    expect(box).toHaveTextContent('you will not see it again');
    expect(within(box).getByLabelText('Token (staff)')).toHaveValue(SECRET);
    expect(within(box).getByRole('heading')).toHaveFocus();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'lab-integration', role: 'staff', expiresInDays: 30 });

    await user.click(within(box).getByRole('button', { name: 'Copy token' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(within(box).getByRole('status')).toHaveTextContent('Copied');

    const list = await screen.findByRole('region', { name: 'Tokens list' });
    await within(list).findByRole('cell', { name: 'lab-integration' });
    expect(list).not.toHaveTextContent(SECRET);

    await user.click(within(box).getByRole('button', { name: 'I have saved it' }));
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(SECRET);
    expect(screen.getByRole('button', { name: 'Create token' })).toBeInTheDocument();
  });

  it('lists tokens with last use and revokes one only after confirmation', async () => {
    const { calls } = tokensApi();
    const user = userEvent.setup({ delay: null });
    renderApp('/tokens');
    const row = (await screen.findByRole('cell', { name: 'old-lab' })).closest('tr')!;
    expect(row).toHaveTextContent('Sun, Jun 2, 2030 09:15');
    expect(row).toHaveTextContent('Active');

    await user.click(within(row).getByRole('button', { name: 'Revoke old-lab' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke this token?' });
    expect(within(dialog).getByRole('button', { name: 'Keep token' })).toHaveFocus();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);

    await user.click(within(dialog).getByRole('button', { name: 'Revoke token' }));
    expect(await screen.findByText(/Revoked “old-lab”/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/api/tokens/t0']);
    await within(row).findByText('Revoked');
  });
});
