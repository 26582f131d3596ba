import { useQuery } from '@tanstack/react-query';
import { listAppointments, type AppointmentFilters } from '../../services/api';

export const appointmentsKey = ['appointments'] as const;

export function useAppointments(filters: AppointmentFilters) {
  // No placeholder rows from the previous filters: a stale row must never be the one cancelled.
  return useQuery({
    queryKey: [...appointmentsKey, filters],
    queryFn: () => listAppointments(filters),
  });
}
