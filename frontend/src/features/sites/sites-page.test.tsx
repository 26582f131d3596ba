import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, fakeApi, ok, type FakeRequest } from '../../test/fake-api';
import { clinicConfig, emptyLists, mainSite, meAs, renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

const north = { ...mainSite, id: 's1', _id: 's1', name: 'North', address: '1 High Street', timezone: 'Europe/London', isDefault: false };

describe('the sites page', () => {
  it('lists the sites, adds one in its zone, shows the server’s field error, and edits the main site without its zone', async () => {
    const sent: FakeRequest[] = [];
    let listed: Array<Record<string, unknown>> = [mainSite];
    fakeApi({
      ...emptyLists,
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => ok(meAs('admin')),
      'GET /api/sites': () => ok(listed),
      'POST /api/sites': (request) => {
        sent.push(request);
        const body = request.body as { timezone: string };
        if (body.timezone === 'Mars/Olympus') {
          return {
            status: 400,
            body: {
              success: false,
              error: {
                code: 'VALIDATION_ERROR',
                message: 'Invalid site',
                correlationId: 'c1',
                details: [{ path: 'timezone', message: 'must be an IANA time zone such as Europe/London' }],
              },
            },
          };
        }
        const created = { ...north, id: 's2', _id: 's2', ...(request.body as object) };
        listed = [...listed, created];
        return { status: 201, ...ok(created) };
      },
      'PATCH /api/sites/s0': (request) => {
        sent.push(request);
        listed = [{ ...mainSite, ...(request.body as object) }];
        return ok(listed[0]);
      },
    });
    renderApp('/sites');
    await screen.findByRole('heading', { level: 1, name: 'Sites' });
    expect(await screen.findByRole('heading', { level: 2, name: /Main site/ })).toBeInTheDocument();

    const user = userEvent.setup();
    const form = screen.getByRole('form', { name: 'Add a site' });
    await user.type(within(form).getByLabelText('Name'), 'New York');
    await user.clear(within(form).getByLabelText('Time zone'));
    await user.type(within(form).getByLabelText('Time zone'), 'Mars/Olympus');
    await user.click(within(form).getByRole('button', { name: 'Add site' }));
    expect(await within(form).findByText('must be an IANA time zone such as Europe/London')).toBeInTheDocument();
    await user.clear(within(form).getByLabelText('Time zone'));
    await user.type(within(form).getByLabelText('Time zone'), 'America/New_York');
    await user.click(within(form).getByRole('button', { name: 'Add site' }));
    expect(await screen.findByText('Added: New York, times in America/New_York.')).toBeInTheDocument();
    expect(sent[1]!.body).toEqual({ name: 'New York', address: null, timezone: 'America/New_York' });

    await user.click(screen.getByRole('button', { name: 'Edit Main site' }));
    const edit = screen.getByRole('form', { name: 'Edit Main site' });
    expect(within(edit).getByLabelText('Time zone')).toBeDisabled();
    await user.type(within(edit).getByLabelText('Address'), '2 Clinic Road');
    await user.click(within(edit).getByRole('button', { name: 'Save site' }));
    expect(await screen.findByText('2 Clinic Road')).toBeInTheDocument();
    expect(sent[2]!.body).toEqual({ name: 'Main site', address: '2 Clinic Road' });
  });

  it('shows staff the sites without the forms an admin has', async () => {
    fakeApi({
      ...emptyLists,
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => ok(meAs('staff')),
      'GET /api/sites': () => ok([mainSite, north]),
      'POST /api/sites': () => fail(403, 'FORBIDDEN', 'You are not allowed to do that'),
    });
    renderApp('/sites');
    expect(await screen.findByRole('heading', { level: 2, name: 'North' })).toBeInTheDocument();
    expect(screen.getByText('1 High Street')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add a site' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Edit/ })).not.toBeInTheDocument();
  });
});
