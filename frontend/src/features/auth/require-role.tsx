import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import type { Role } from '../../services/api';
import { homeFor } from './access';
import { useSession } from './session';

/** Renders the page only for the roles it is meant for; a doctor opening "/" lands on their day. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { me } = useSession();
  const { pathname } = useLocation();
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
