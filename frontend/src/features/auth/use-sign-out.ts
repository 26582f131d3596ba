import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { signOut } from '../../services/auth-api';

/** Ends the session, then opens sign-in, which forgets the user once the signed-in pages are gone. */
export function useSignOut() {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: signOut,
    onSuccess: () => navigate('/sign-in', { replace: true, state: { signedOut: true } }),
  });
}
