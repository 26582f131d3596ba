import { useMutation, useQueryClient } from '@tanstack/react-query';
import { changePassword, disableTotp, enableTotp, startTotpSetup, type Me } from '../../services/auth-api';
import { meKey } from '../auth/use-current-user';

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}

export function useTotpSetup() {
  // The answer holds the shared secret: keep it no longer than the screen that shows it.
  return useMutation({ mutationFn: startTotpSetup, gcTime: 0 });
}

function useUpdatesMe<I>(mutationFn: (input: I) => Promise<Me>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: (me) => queryClient.setQueryData(meKey, me) });
}

export function useEnableTotp() {
  return useUpdatesMe(enableTotp);
}

export function useDisableTotp() {
  return useUpdatesMe(disableTotp);
}
