import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { addToWaitlist, listWaitlist, removeFromWaitlist, type WaitlistFilter } from '../../services/waitlist-api';

export const waitlistKey = ['waitlist'] as const;

/** The queue; read again now and then, since offers open, expire and get answered on their own. */
export function useWaitlist(filter: WaitlistFilter) {
  return useQuery({
    queryKey: [...waitlistKey, filter],
    queryFn: () => listWaitlist(filter),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
}

export function useAddToWaitlist() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: addToWaitlist, onSuccess: () => queryClient.invalidateQueries({ queryKey: waitlistKey }) });
}

export function useRemoveFromWaitlist() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: removeFromWaitlist, onSuccess: () => queryClient.invalidateQueries({ queryKey: waitlistKey }) });
}
