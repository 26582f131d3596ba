import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import type { Role } from '../../services/api';
import { homeFor } from './access';
import { useSession } from './session';

/**
 * Renders the page only for the roles it is meant for; a doctor opening "/" lands on their day,
 * and an admin who must first turn on two-step sign-in lands on their account page.
 */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { me, mustEnrolTotp } = useSession();
  const { pathname } = useLocation();
  // The API refuses such an admin everything but enrolling, so the SPA offers only that.
  if (mustEnrolTotp && pathname !== '/account') return <Navigate to="/account" replace />;
  if (roles.includes(me.role)) return children;
  if (pathname === '/') return <Navigate to={homeFor(me.role)} replace />;
  return (
    <>
      <title>Not available · Clinic desk</title>
      <h1>Not available to your account</h1>
      <p>
        This page is not part of what a {me.role} account can use. <Link to={homeFor(me.role)}>Go to your start page</Link>.
      </p>
    </>
  );
}
