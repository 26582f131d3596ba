import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createWebhook, listDeliveries, listWebhooks, removeWebhook } from '../../services/webhooks-api';

export const webhooksKey = ['webhooks'] as const;

export function useWebhooks() {
  return useQuery({ queryKey: webhooksKey, queryFn: listWebhooks });
}

/** A webhook's latest deliveries, read again every few seconds while they are on screen. */
export function useDeliveries(id: string) {
  return useQuery({ queryKey: [...webhooksKey, id, 'deliveries'], queryFn: () => listDeliveries(id), refetchInterval: 5_000 });
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWebhook,
    // The answer holds the signing secret: keep it no longer than the screen that shows it.
    gcTime: 0,
    // The list only: its deliveries' keys start with the same words.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey, exact: true }),
  });
}

export function useRemoveWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeWebhook,
    // A removed webhook's deliveries are gone too: asking for them again would only get a 404.
    onSuccess: (_answer, id) => {
      queryClient.removeQueries({ queryKey: [...webhooksKey, id] });
      return queryClient.invalidateQueries({ queryKey: webhooksKey, exact: true });
    },
  });
}
