import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { NotFoundPage } from './components/not-found-page';
import { RouteError } from './components/route-error';
import { AccountsPage } from './features/accounts/accounts-page';
import { AppointmentsPage } from './features/appointments/appointments-page';
import { AuditPage } from './features/audit/audit-page';
import { PAGES, type PagePath } from './features/auth/access';
import { RequireRole } from './features/auth/require-role';
import { SessionGate } from './features/auth/session';
import { SignInPage } from './features/auth/sign-in-page';
import { SignedInLayout } from './features/auth/signed-in-layout';
import { BookingPage } from './features/booking/booking-page';
import { WeekPage } from './features/calendar/week-page';
import { DoctorPage } from './features/doctors/doctor-page';
import { DoctorsPage } from './features/doctors/doctors-page';
import { MessagesPage } from './features/messages/messages-page';
import { MyAccountPage } from './features/my-account/my-account-page';
import { MyDayPage } from './features/my-day/my-day-page';
import { PatientPage } from './features/patients/patient-page';
import { PatientsPage } from './features/patients/patients-page';
import { SchedulePage } from './features/schedule/schedule-page';
import { SitesPage } from './features/sites/sites-page';
import { TokensPage } from './features/tokens/tokens-page';
import { WebhooksPage } from './features/webhooks/webhooks-page';
import { OfferPage } from './features/patient-links/offer-page';
import { VisitPage } from './features/patient-links/visit-page';
import { WaitlistPage } from './features/waitlist/waitlist-page';
import { ClinicConfigRoute } from './lib/clinic-config';

const screens: Record<PagePath, ReactNode> = {
  '/': <SchedulePage />,
  '/book': <BookingPage />,
  '/appointments': <AppointmentsPage />,
  '/doctors': <DoctorsPage />,
  '/sites': <SitesPage />,
  '/patients': <PatientsPage />,
  '/waitlist': <WaitlistPage />,
  '/my-day': <MyDayPage />,
  '/accounts': <AccountsPage />,
  '/tokens': <TokensPage />,
  '/messages': <MessagesPage />,
  '/webhooks': <WebhooksPage />,
  '/audit': <AuditPage />,
  '/account': <MyAccountPage />,
};

// A page below a listed one (one patient) is open to whoever may open the list.
const rolesOf = (path: PagePath) => PAGES.find((page) => page.path === path)?.roles ?? [];

export const routes: RouteObject[] = [
  // Patients open these from a link, with no account: outside the session gate, never sent to sign-in.
  { path: '/visit/:token', element: <VisitPage />, errorElement: <RouteError /> },
  { path: '/offer/:token', element: <OfferPage />, errorElement: <RouteError /> },
  {
    element: <ClinicConfigRoute />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      {
        element: <SessionGate />,
        children: [
          {
            element: <SignedInLayout />,
            children: [
              {
                // Inside the layout, so the menu stays usable when one page fails.
                errorElement: <RouteError />,
                children: [
                  ...PAGES.map((page) => ({
                    path: page.path,
                    element: <RequireRole roles={page.roles}>{screens[page.path]}</RequireRole>,
                  })),
                  {
                    path: '/patients/:id',
                    element: (
                      <RequireRole roles={rolesOf('/patients')}>
                        <PatientPage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: '/doctors/:id/week',
                    element: (
                      <RequireRole roles={rolesOf('/doctors')}>
                        <WeekPage />
                      </RequireRole>
                    ),
                  },
                  {
                    path: '/doctors/:id',
                    element: (
                      <RequireRole roles={rolesOf('/doctors')}>
                        <DoctorPage />
                      </RequireRole>
                    ),
                  },
                  { path: '*', element: <NotFoundPage /> },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
];
