import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { Outlet } from 'react-router-dom';
import { getConfig, type ClinicConfig } from '../services/api';
import { ErrorAlert } from '../components/alert';

const ClinicContext = createContext<ClinicConfig | null>(null);

/** Loads the clinic settings once; pages render only after the clinic timezone is known. */
export function ClinicConfigProvider({ children }: { children: ReactNode }) {
  const config = useQuery({ queryKey: ['config'], queryFn: getConfig, staleTime: Infinity });

  if (config.isPending) return <p className="muted">Loading clinic settings…</p>;
  if (config.isError) {
    return <ErrorAlert title="The clinic settings could not be loaded." error={config.error} onRetry={() => void config.refetch()} />;
  }
  return <ClinicContext.Provider value={config.data}>{children}</ClinicContext.Provider>;
}

/** The root route: every page, sign-in included, needs the settings (time zone, sign-in mode). */
export function ClinicConfigRoute() {
  return (
    <ClinicConfigProvider>
      <Outlet />
    </ClinicConfigProvider>
  );
}

export function useClinic(): ClinicConfig {
  const config = useContext(ClinicContext);
  if (!config) throw new Error('useClinic must be used inside ClinicConfigProvider');
  return config;
}
