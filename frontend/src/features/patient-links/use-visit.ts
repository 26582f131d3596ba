import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../services/api';
import { cancelVisit, confirmVisit, getVisit, type Visit } from '../../services/patient-links-api';

const visitKey = (token: string) => ['visit', token] as const;

export function useVisit(token: string) {
  // A bad link stays bad: asking again would only repeat the 404.
  return useQuery({ queryKey: visitKey(token), queryFn: () => getVisit(token), retry: false });
}

/** Confirm or cancel; the answer is the visit as it is now, so the page shows it without a reload. */
export function useVisitAction(token: string, action: 'confirm' | 'cancel') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => (action === 'confirm' ? confirmVisit(token) : cancelVisit(token)),
    onSuccess: (visit: Visit) => queryClient.setQueryData(visitKey(token), visit),
    // Someone else (the desk, another tab) changed it first: show what it is now.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: visitKey(token) });
    },
  });
}

export const isInvalidLink = (error: unknown) => error instanceof ApiError && error.code === 'LINK_INVALID';
