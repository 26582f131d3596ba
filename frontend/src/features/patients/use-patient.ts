import { useQuery } from '@tanstack/react-query';
import { getPatient } from '../../services/api';
import { patientsKey } from './use-patients';

export function usePatient(id: string | null) {
  return useQuery({
    queryKey: [...patientsKey, 'one', id],
    queryFn: () => getPatient(id ?? ''),
    enabled: Boolean(id),
  });
}
