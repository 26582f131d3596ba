import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, noContent, ok, type FakeRequest } from '../../test/fake-api';
import { clinicConfig, emptyLists, meAs, renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

const hook = {
  id: 'w1',
  _id: 'w1',
  url: 'https://lab.example/hooks',
  events: ['appointment.booked'],
  createdAt: '2030-06-01T09:00:00.000Z',
};
const delivery = {
  id: 'd1',
  eventId: 'evt_42',
  eventType: 'appointment.booked',
  status: 'pending',
  attempts: 2,
  nextAttemptAt: '2030-06-01T09:02:00.000Z',
  lastStatus: 503,
  lastError: 'the receiver answered 503',
  createdAt: '2030-06-01T09:00:00.000Z',
  deliveredAt: null,
};

describe('the webhooks page', () => {
  it('registers a webhook, shows its secret once, lists it with its deliveries, and removes it', async () => {
    const sent: FakeRequest[] = [];
    let listed: Array<typeof hook> = [];
    fakeApi({
      ...emptyLists,
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => ok(meAs('admin')),
      'GET /api/webhooks': () => ok(listed),
      'POST /api/webhooks': (request) => {
        sent.push(request);
        listed = [hook];
        return { status: 201, ...ok({ ...hook, ...(request.body as object), secret: 'whsec_c2VjcmV0' }) };
      },
      'GET /api/webhooks/w1/deliveries': () => ok([delivery], { total: 1, limit: 50, offset: 0 }),
      'DELETE /api/webhooks/w1': (request) => {
        sent.push(request);
        listed = [];
        return noContent();
      },
    });
    renderApp('/webhooks');
    expect(await screen.findByText('None yet.')).toBeInTheDocument();

    const user = userEvent.setup();
    const form = screen.getByRole('form', { name: 'New webhook' });
    await user.type(within(form).getByLabelText('URL'), 'https://lab.example/hooks');
    await user.click(within(form).getByRole('checkbox', { name: 'cancelled' }));
    await user.click(within(form).getByRole('checkbox', { name: 'rescheduled' }));
    await user.click(within(form).getByRole('button', { name: 'Register webhook' }));
    expect(await screen.findByLabelText('Signing secret')).toHaveValue('whsec_c2VjcmV0');
    expect(sent[0]!.body).toEqual({ url: 'https://lab.example/hooks', events: ['appointment.booked'] });
    await user.click(screen.getByRole('button', { name: 'I have saved it' }));
    expect(screen.queryByLabelText('Signing secret')).not.toBeInTheDocument();

    const card = await screen.findByRole('article', { name: 'https://lab.example/hooks' });
    await user.click(within(card).getByRole('button', { name: 'Show deliveries' }));
    const row = (await within(card).findAllByRole('row'))[1]!;
    expect(row).toHaveTextContent('booked evt_42');
    expect(row).toHaveTextContent('pending');
    expect(row).toHaveTextContent('503');
    await user.click(within(card).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('None yet.')).toBeInTheDocument();
    expect(sent[1]!.method).toBe('DELETE');
  });
});
