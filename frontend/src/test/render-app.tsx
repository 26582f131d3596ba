import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { routes } from '../app-routes';
import type { Role } from '../services/api';
import type { Me } from '../services/auth-api';
import { ok, type Route } from './fake-api';

export const clinicConfig = {
  timezone: 'Europe/London',
  clinicStartHour: 9,
  clinicEndHour: 17,
  defaultSlotMinutes: 30,
  authMode: 'required',
  requireAdminTotp: false,
};

export function meAs(role: Role, extra: Partial<Me> = {}): Me {
  return {
    id: `acc-${role}`,
    email: `${role}@clinic.test`,
    name: `Test ${role}`,
    role,
    doctorId: role === 'doctor' ? 'd1' : null,
    totpEnabled: false,
    ...extra,
  };
}

/** Fake routes every signed-in page needs, empty unless a test says otherwise. */
/** The default site every clinic has, in the test clinic's zone. */
export const mainSite = {
  id: 's0',
  _id: 's0',
  name: 'Main site',
  address: null,
  timezone: 'Europe/London',
  isDefault: true,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
};

export const emptyLists: Record<string, Route> = {
  'GET /api/doctors': () => ok([], { total: 0, limit: 500, offset: 0 }),
  'GET /api/patients': () => ok([], { total: 0, limit: 100, offset: 0 }),
  'GET /api/appointments': () => ok([], { total: 0, limit: 500, offset: 0 }),
  'GET /api/sites': () => ok([mainSite]),
};

/** The whole app (real routes, session gate and menu) at one address, in memory. */
export function renderApp(path: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...view, router, queryClient };
}
