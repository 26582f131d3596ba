import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useClinic } from '../../lib/clinic-config';
import { afterSignIn, homeFor } from './access';
import { SignInForm } from './sign-in-form';
import { forgetEverythingButSettings } from './forget';
import { meKey, useCurrentUser } from './use-current-user';

export function SignInPage() {
  const { authMode = 'required', demoAccounts } = useClinic();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = params.get('next');
  const user = useCurrentUser(authMode === 'required');
  const signedOut = (useLocation().state as { signedOut?: boolean } | null)?.signedOut === true;
  const queryClient = useQueryClient();

  // After sign-out the signed-in pages are unmounted by now, so nothing fetches into the cache again.
  useEffect(() => {
    if (!signedOut) return;
    forgetEverythingButSettings(queryClient);
    queryClient.setQueryData(meKey, null);
  }, [signedOut, queryClient]);

  if (authMode === 'off') return <Navigate to="/" replace />;
  return (
    <>
      <header className="site-header">
        <p className="site-title">Clinic desk</p>
      </header>
      <main id="main" className="sign-in">
        <title>Sign in · Clinic desk</title>
        <h1>Sign in</h1>
        {next && !user.data && <p className="muted">Sign in to go on where you were.</p>}
        {user.data ? (
          <p>
            You are signed in as {user.data.name}. <Link to={afterSignIn(next, user.data.role)}>Continue</Link>
          </p>
        ) : (
          <SignInForm
            demoAccounts={demoAccounts}
            onSignedIn={(me) => void navigate(next ? afterSignIn(next, me.role) : homeFor(me.role), { replace: true })}
          />
        )}
      </main>
    </>
  );
}
