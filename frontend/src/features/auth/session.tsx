import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ErrorAlert } from '../../components/alert';
import { useClinic } from '../../lib/clinic-config';
import { onUnauthenticated } from '../../services/api';
import type { Me } from '../../services/auth-api';
import { signInPath } from './access';
import { meKey, useCurrentUser } from './use-current-user';

/** mustEnrolTotp: an admin without a second factor where REQUIRE_ADMIN_TOTP asks for one. */
export type Session = { me: Me; authMode: 'required' | 'off'; mustEnrolTotp: boolean };

// What GET /api/auth/me answers with AUTH_MODE=off; the SPA need not ask.
const LOCAL_ACCESS: Me = { id: 'local', email: null, name: 'Local access (auth off)', role: 'admin', doctorId: null, totpEnabled: false };

const SessionContext = createContext<Session | null>(null);

/**
 * Lets the pages below render only for a signed-in user. Any 401 UNAUTHENTICATED, from any
 * request, forgets the user, which sends them to sign in with this page as the way back.
 */
export function SessionGate() {
  const { authMode = 'required', requireAdminTotp = false } = useClinic();
  const off = authMode === 'off';
  const user = useCurrentUser(!off);
  const location = useLocation();
  const queryClient = useQueryClient();

  useEffect(() => onUnauthenticated(() => queryClient.setQueryData(meKey, null)), [queryClient]);

  if (off) return <SessionProvider session={{ me: LOCAL_ACCESS, authMode, mustEnrolTotp: false }} />;
  if (user.isPending) {
    return (
      <main id="main">
        <p className="muted">Checking your session…</p>
      </main>
    );
  }
  if (user.isError) {
    return (
      <main id="main">
        <ErrorAlert title="Your session could not be checked." error={user.error} onRetry={() => void user.refetch()} />
      </main>
    );
  }
  if (!user.data) return <Navigate to={signInPath(location)} replace />;
  const mustEnrolTotp = requireAdminTotp && user.data.role === 'admin' && !user.data.totpEnabled;
  return <SessionProvider session={{ me: user.data, authMode, mustEnrolTotp }} />;
}

function SessionProvider({ session }: { session: Session }) {
  return (
    <SessionContext.Provider value={session}>
      <Outlet />
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside SessionGate');
  return session;
}
