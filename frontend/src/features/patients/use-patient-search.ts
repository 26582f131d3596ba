import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { listPatients } from '../../services/api';
import { patientsKey } from './use-patients';

export const PATIENT_MATCHES = 10;

/** The first few patients matching a search on the server; nothing is fetched for an empty one. */
export function usePatientSearch(q: string) {
  return useQuery({
    queryKey: [...patientsKey, 'search', q],
    queryFn: () => listPatients({ q, limit: PATIENT_MATCHES }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
}
