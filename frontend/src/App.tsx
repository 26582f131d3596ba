import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { Layout } from './components/layout';
import { AppointmentsPage } from './features/appointments/appointments-page';
import { BookingPage } from './features/booking/booking-page';
import { DoctorsPage } from './features/doctors/doctors-page';
import { PatientsPage } from './features/patients/patients-page';
import { SchedulePage } from './features/schedule/schedule-page';
import { NotFoundPage } from './components/not-found-page';
import { RouteError } from './components/route-error';
import { ApiError } from './services/api';

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      {
        // Inside the layout, so the menu stays usable when one page fails.
        errorElement: <RouteError />,
        children: [
          { path: '/', element: <SchedulePage /> },
          { path: '/book', element: <BookingPage /> },
          { path: '/appointments', element: <AppointmentsPage /> },
          { path: '/doctors', element: <DoctorsPage /> },
          { path: '/patients', element: <PatientsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // A 4xx will not change on its own; retrying only delays the message staff need.
        retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
