import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ClinicConfigProvider } from '../lib/clinic-config';

/** Renders with a fresh query cache and the clinic settings the fake API serves. */
export function renderWithApp(ui: ReactNode) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <ClinicConfigProvider>{ui}</ClinicConfigProvider>
    </QueryClientProvider>,
  );
}
