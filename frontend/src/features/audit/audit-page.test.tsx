import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, ok } from '../../test/fake-api';
import { clinicConfig, emptyLists, meAs, renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

const record = {
  id: 'r1',
  seq: 41,
  at: '2030-06-03T08:05:00.000Z',
  actorKind: 'account',
  actorId: 'acc-2',
  actorLabel: 'desk@clinic.test',
  action: 'patient.read',
  resourceType: 'patient',
  resourceId: 'p1',
  outcome: 'success',
  correlationId: 'corr-41',
  clientAddress: '10.0.0.7',
  prevHash: 'a',
  hash: 'b',
};

function auditApi(chain: unknown) {
  return fakeApi({
    ...emptyLists,
    'GET /api/config': () => ok(clinicConfig),
    'GET /api/auth/me': () => ok(meAs('admin')),
    'GET /api/accounts': () => ok([{ id: 'acc-2', email: 'desk@clinic.test', name: 'Front Desk' }], { total: 1, limit: 500, offset: 0 }),
    'GET /api/tokens': () => ok([{ id: 't1', name: 'lab' }], { total: 1, limit: 200, offset: 0 }),
    'GET /api/audit': () => ok([record], { total: 120, limit: 50, offset: 0 }),
    'GET /api/audit/verify': () => ok(chain),
  });
}

describe('audit log page', () => {
  it('lists records in clinic time and sends the filters, dates as clinic-day bounds, and paging', async () => {
    const { calls } = auditApi({ ok: true, checked: 120 });
    const user = userEvent.setup({ delay: null });
    renderApp('/audit');
    const table = await screen.findByRole('region', { name: 'Audit records' });
    const row = within(table).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('Mon, Jun 3, 2030 09:05');
    expect(row).toHaveTextContent('desk@clinic.test');
    expect(row).toHaveTextContent('patient.read');

    await user.selectOptions(screen.getByLabelText('Actor'), 'desk@clinic.test');
    await user.selectOptions(screen.getByLabelText('Action'), 'patient.read');
    await user.type(screen.getByLabelText('Resource type'), 'patient');
    await user.type(screen.getByLabelText('From'), '2030-06-03');
    await user.type(screen.getByLabelText('To'), '2030-06-03');
    await vi.waitFor(() => {
      const last = calls.filter((c) => c.path === '/api/audit').at(-1)!;
      expect(Object.fromEntries(last.url.searchParams)).toEqual({
        actorId: 'acc-2',
        resourceType: 'patient',
        action: 'patient.read',
        from: '2030-06-02T23:00:00.000Z',
        to: '2030-06-03T23:00:00.000Z',
        limit: '50',
        offset: '0',
      });
    });

    await user.click(screen.getByRole('button', { name: 'Older records' }));
    await vi.waitFor(() =>
      expect(
        calls
          .filter((c) => c.path === '/api/audit')
          .at(-1)
          ?.url.searchParams.get('offset'),
      ).toBe('50'),
    );
  });

  it('verifies the chain and names the first broken link', async () => {
    auditApi({ ok: false, checked: 42, brokenAt: 41, reason: 'hash does not match the record' });
    const user = userEvent.setup({ delay: null });
    renderApp('/audit');
    await user.click(await screen.findByRole('button', { name: 'Verify chain' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Chain broken at record #41');
    expect(alert).toHaveTextContent('hash does not match the record');
  });

  it('reports an intact chain with the number of records checked', async () => {
    auditApi({ ok: true, checked: 120 });
    const user = userEvent.setup({ delay: null });
    renderApp('/audit');
    await user.click(await screen.findByRole('button', { name: 'Verify chain' }));
    expect(await screen.findByText('Chain intact: 120 records checked, none changed or missing.')).toBeInTheDocument();
  });
});
