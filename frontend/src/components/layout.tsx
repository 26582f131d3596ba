import type { ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router-dom';

export type NavItem = { to: string; label: string };

/** The page frame: skip link, site header with the menu and whatever the header adds, main. */
export function Layout({ links, headerEnd }: { links: readonly NavItem[]; headerEnd?: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <p className="site-title">Clinic desk</p>
        <nav aria-label="Main">
          <ul>
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.to === '/'}>
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {headerEnd}
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
