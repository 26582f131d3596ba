import type { Role } from '../../services/api';

const everyone: readonly Role[] = ['admin', 'staff', 'doctor'];
const desk: readonly Role[] = ['admin', 'staff'];
const admin: readonly Role[] = ['admin'];

/**
 * Who may open which page, in one place: the menu shows only these, and a page opened by
 * address checks the same list. The API enforces the real rule; this keeps the screens honest.
 */
export const PAGES = [
  { path: '/', label: 'Schedule', roles: desk },
  { path: '/book', label: 'Book', roles: desk },
  { path: '/appointments', label: 'Appointments', roles: desk },
  { path: '/doctors', label: 'Doctors', roles: desk },
  { path: '/sites', label: 'Sites', roles: desk },
  { path: '/patients', label: 'Patients', roles: desk },
  { path: '/waitlist', label: 'Waitlist', roles: desk },
  { path: '/messages', label: 'Messages', roles: desk },
  { path: '/my-day', label: 'My day', roles: ['doctor'] as readonly Role[] },
  { path: '/accounts', label: 'Accounts', roles: admin },
  { path: '/tokens', label: 'Tokens', roles: admin },
  { path: '/webhooks', label: 'Webhooks', roles: admin },
  { path: '/audit', label: 'Audit log', roles: admin },
  // Only a real account has a password to change; with sign-in off there is none.
  { path: '/account', label: 'My account', roles: everyone, signedInOnly: true },
] as const;

export type PagePath = (typeof PAGES)[number]['path'];

export function homeFor(role: Role): string {
  return role === 'doctor' ? '/my-day' : '/';
}

export function canOpen(role: Role, pathname: string): boolean {
  const page = PAGES.find((p) => p.path === pathname);
  return page ? page.roles.includes(role) : true;
}

/** Where to go after signing in: the page the user came from, if it is ours and theirs to see. */
export function afterSignIn(next: string | null, role: Role): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/sign-in')) return homeFor(role);
  const pathname = new URL(next, 'http://app.invalid').pathname;
  return canOpen(role, pathname) ? next : homeFor(role);
}

export function signInPath(location: { pathname: string; search: string }): string {
  const here = `${location.pathname}${location.search}`;
  return here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`;
}
