import { useQuery } from '@tanstack/react-query';
import { getAvailability } from '../../services/api';

export const availabilityKey = ['availability'] as const;

export type AvailabilityFor = { doctorId: string; date: string; duration?: number; patientId?: string; visitTypeId?: string };

// Unset options stay out of the key, so a plain doctor-and-day query keeps one key everywhere.
export function availabilityQueryKey({ doctorId, date, duration, patientId, visitTypeId }: AvailabilityFor) {
  return [
    ...availabilityKey,
    {
      doctorId,
      date,
      ...(duration === undefined ? {} : { duration }),
      ...(patientId ? { patientId } : {}),
      ...(visitTypeId ? { visitTypeId } : {}),
    },
  ] as const;
}

/**
 * duration (minutes) asks for slots that fit an appointment of that length; a visit type for
 * slots of its length with its buffer free after; patientId leaves out the times that patient
 * is already booked with any doctor.
 */
export function useAvailability(query: AvailabilityFor) {
  return useQuery({
    queryKey: availabilityQueryKey(query),
    queryFn: () => getAvailability({ ...query, patientId: query.patientId || undefined, visitTypeId: query.visitTypeId || undefined }),
    enabled: Boolean(query.doctorId && query.date),
  });
}
