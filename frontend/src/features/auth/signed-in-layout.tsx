import { ErrorAlert } from '../../components/alert';
import { Layout } from '../../components/layout';
import { useLiveUpdates } from '../live/use-live-updates';
import { PAGES } from './access';
import { useSession } from './session';
import { useSignOut } from './use-sign-out';

/** The frame of every signed-in page: the menu holds only what this role may open. */
export function SignedInLayout() {
  const { me, authMode, mustEnrolTotp } = useSession();
  const visible = PAGES.filter((page) => page.roles.includes(me.role) && !(authMode === 'off' && 'signedInOnly' in page));
  const links = (mustEnrolTotp ? visible.filter((page) => page.path === '/account') : visible).map((page) => ({
    to: page.path,
    label: page.label,
  }));
  return <Layout links={links} headerEnd={<HeaderEnd />} />;
}

function HeaderEnd() {
  const latestChange = useLiveUpdates();
  return (
    <>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {latestChange}
      </p>
      <UserMenu />
    </>
  );
}

function UserMenu() {
  const { me, authMode } = useSession();
  const signOut = useSignOut();
  if (authMode === 'off') return <p className="user-menu">{me.name}</p>;
  return (
    <div className="user-menu">
      <p>
        {me.name} <span className="user-role">({me.role})</span>
      </p>
      <button type="button" className="button-secondary" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        Sign out
      </button>
      {signOut.isError && <ErrorAlert title="You are still signed in." error={signOut.error} />}
    </div>
  );
}
