import { useQuery } from '@tanstack/react-query';
import { getAvailability } from '../../services/api';

export const availabilityKey = ['availability'] as const;

export function availabilityQueryKey(doctorId: string, date: string) {
  return [...availabilityKey, { doctorId, date }] as const;
}

export function useAvailability(doctorId: string, date: string) {
  return useQuery({
    queryKey: availabilityQueryKey(doctorId, date),
    queryFn: () => getAvailability({ doctorId, date }),
    enabled: Boolean(doctorId && date),
  });
}
