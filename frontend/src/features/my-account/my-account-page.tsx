import { useSession } from '../auth/session';
import { ChangePasswordForm } from './change-password-form';
import { TotpSettings } from './totp-settings';

export function MyAccountPage() {
  const { me, mustEnrolTotp } = useSession();
  return (
    <>
      <title>My account · Clinic desk</title>
      <h1>My account</h1>
      <p>
        {me.name} · {me.email} · {me.role}
      </p>
      {mustEnrolTotp && (
        <p className="notice" role="note">
          This clinic asks every admin to use two-step sign-in. Set it up below; the other pages open once it is on.
        </p>
      )}
      <section aria-labelledby="password-heading" className="card">
        <h2 id="password-heading">Change password</h2>
        <ChangePasswordForm />
      </section>
      <section aria-labelledby="totp-heading" className="card">
        <h2 id="totp-heading">Two-step sign-in</h2>
        <TotpSettings me={me} />
      </section>
    </>
  );
}
