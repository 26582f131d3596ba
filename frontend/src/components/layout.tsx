import { NavLink, Outlet } from 'react-router-dom';
import { ClinicConfigProvider } from '../lib/clinic-config';

const links = [
  { to: '/', label: 'Schedule' },
  { to: '/book', label: 'Book' },
  { to: '/appointments', label: 'Appointments' },
  { to: '/doctors', label: 'Doctors' },
  { to: '/patients', label: 'Patients' },
];

export function Layout() {
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
      </header>
      <main id="main" tabIndex={-1}>
        <ClinicConfigProvider>
          <Outlet />
        </ClinicConfigProvider>
      </main>
    </>
  );
}
