import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { listAppointments, type AppointmentFilters } from '../../services/api';

export const appointmentsKey = ['appointments'] as const;

export function useAppointments(filters: AppointmentFilters) {
  return useQuery({
    queryKey: [...appointmentsKey, filters],
    queryFn: () => listAppointments(filters),
    placeholderData: keepPreviousData,
  });
}
