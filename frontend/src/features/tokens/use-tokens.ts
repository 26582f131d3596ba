import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createToken, listTokens, revokeToken } from '../../services/admin-api';

export const tokensKey = ['tokens'] as const;

export function useTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: () => listTokens({ limit: 200 }) });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    // The answer holds the secret: keep it no longer than the screen that shows it.
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
