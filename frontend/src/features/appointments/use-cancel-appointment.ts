import { useMutation, useQueryClient } from '@tanstack/react-query';
import { cancelAppointment } from '../../services/api';
import { availabilityKey } from '../booking/use-availability';
import { appointmentsKey } from './use-appointments';

export type CancelRequest = { id: string; reason?: string; idempotencyKey: string };

export function useCancelAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason, idempotencyKey }: CancelRequest) => cancelAppointment(id, reason, idempotencyKey),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: appointmentsKey }),
        queryClient.invalidateQueries({ queryKey: availabilityKey }),
      ]),
  });
}
