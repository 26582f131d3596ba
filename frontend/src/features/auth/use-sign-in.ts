import { useMutation, useQueryClient } from '@tanstack/react-query';
import { signIn } from '../../services/auth-api';
import { meKey } from './use-current-user';
import { forgetEverythingButSettings } from './forget';

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (me) => {
      forgetEverythingButSettings(queryClient);
      queryClient.setQueryData(meKey, me);
    },
  });
}
