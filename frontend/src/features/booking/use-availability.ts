import { useQuery } from '@tanstack/react-query';
import { getAvailability } from '../../services/api';

export const availabilityKey = ['availability'] as const;

// duration stays out of the key when unset, so the booking form's keys are unchanged.
export function availabilityQueryKey(doctorId: string, date: string, duration?: number) {
  return [...availabilityKey, duration === undefined ? { doctorId, date } : { doctorId, date, duration }] as const;
}

/** duration (minutes) asks for slots that fit an appointment of that length. */
export function useAvailability(doctorId: string, date: string, duration?: number) {
  return useQuery({
    queryKey: availabilityQueryKey(doctorId, date, duration),
    queryFn: () => getAvailability({ doctorId, date, duration }),
    enabled: Boolean(doctorId && date),
  });
}
