import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, fakeApi, noContent, ok } from '../../test/fake-api';
import { clinicConfig, emptyLists, meAs, renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

const setup = {
  otpauthUri: 'otpauth://totp/Clinic:admin%40clinic.test?secret=JBSWY3DPEHPK3PXP&issuer=Clinic',
  qrDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
};

function accountApi(config: object = clinicConfig) {
  return fakeApi({
    ...emptyLists,
    'GET /api/config': () => ok(config),
    'GET /api/auth/me': () => ok(meAs('admin')),
    'POST /api/auth/totp/setup': () => ok(setup),
    'POST /api/auth/totp/enable': (r) =>
      (r.body as { code: string }).code === '654321'
        ? ok(meAs('admin', { totpEnabled: true }))
        : fail(400, 'VALIDATION_ERROR', 'The code is not right'),
    'POST /api/auth/password': noContent,
  });
}

describe('my account page', () => {
  it('sets up two-step sign-in: shows the QR image and the otpauth address, then turns it on with a code', async () => {
    const { calls } = accountApi();
    const user = userEvent.setup({ delay: null });
    renderApp('/account');
    await user.click(await screen.findByRole('button', { name: 'Set up two-step sign-in' }));
    expect(await screen.findByRole('img', { name: /QR code/ })).toHaveAttribute('src', setup.qrDataUrl);
    expect(screen.getByLabelText(/add this address to the app by hand/)).toHaveValue(setup.otpauthUri);

    await user.type(screen.getByLabelText('Code from the app'), '111111');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The code is not right');

    await user.clear(screen.getByLabelText('Code from the app'));
    await user.type(screen.getByLabelText('Code from the app'), '654321');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByText(/Two-step sign-in is on\./)).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /QR code/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Turn off' })).toBeInTheDocument();
    expect(calls.filter((c) => c.path === '/api/auth/totp/enable').map((c) => c.body)).toEqual([{ code: '111111' }, { code: '654321' }]);
  });

  it('changes the own password after checking the two new ones match', async () => {
    const { calls } = accountApi();
    const user = userEvent.setup({ delay: null });
    renderApp('/account');
    await user.type(await screen.findByLabelText('Current password'), 'the old passphrase');
    await user.type(screen.getByLabelText('New password'), 'a new long passphrase');
    await user.type(screen.getByLabelText('New password again'), 'a new long passphrasf');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByLabelText('New password again')).toHaveAccessibleDescription('The two new passwords differ.');
    expect(calls.some((c) => c.path === '/api/auth/password')).toBe(false);

    await user.clear(screen.getByLabelText('New password again'));
    await user.type(screen.getByLabelText('New password again'), 'a new long passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Password changed. Your other sessions were signed out.')).toBeInTheDocument();
    expect(calls.find((c) => c.path === '/api/auth/password')?.body).toEqual({
      currentPassword: 'the old passphrase',
      newPassword: 'a new long passphrase',
    });
  });

  it('sends an admin without a second factor to enrol first when the server requires one', async () => {
    accountApi({ ...clinicConfig, requireAdminTotp: true });
    const { router } = renderApp('/patients');
    await screen.findByRole('heading', { level: 1, name: 'My account' });
    expect(router.state.location.pathname).toBe('/account');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['My account']);
    expect(screen.getByRole('note')).toHaveTextContent('asks every admin to use two-step sign-in');
  });
});
