import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { listPatients } from '../../services/api';

export const patientsKey = ['patients'] as const;

export function usePatients(q = '', limit = 500) {
  return useQuery({
    queryKey: [...patientsKey, { q, limit }],
    queryFn: () => listPatients({ q: q || undefined, limit }),
    placeholderData: keepPreviousData,
  });
}
