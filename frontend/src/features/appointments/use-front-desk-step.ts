import { useMutation, useQueryClient } from '@tanstack/react-query';
import { advanceAppointment, type FrontDeskStep } from '../../services/api';
import { availabilityKey } from '../booking/use-availability';
import { appointmentsKey } from './use-appointments';

export type StepRequest = { id: string; step: FrontDeskStep };

/** Check-in, complete or no-show; a no-show frees the time, so availability is read again too. */
export function useFrontDeskStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, step }: StepRequest) => advanceAppointment(id, step),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: appointmentsKey }),
        queryClient.invalidateQueries({ queryKey: availabilityKey }),
      ]),
  });
}
