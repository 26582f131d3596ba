import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { signOut } from '../../services/auth-api';
import { forgetEverythingButSettings } from './forget';
import { meKey } from './use-current-user';

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: signOut,
    onSuccess: async () => {
      // Leave the signed-in pages first, so they do not ask to come back here after sign-in.
      await navigate('/sign-in', { replace: true });
      forgetEverythingButSettings(queryClient);
      queryClient.setQueryData(meKey, null);
    },
  });
}
