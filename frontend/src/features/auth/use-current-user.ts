import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../services/api';
import { getMe, type Me } from '../../services/auth-api';

export const meKey = ['auth', 'me'] as const;

/** The signed-in user, or null when there is no session (a 401 is an answer here, not a failure). */
async function currentUser(): Promise<Me | null> {
  try {
    return await getMe();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useCurrentUser(enabled = true) {
  return useQuery({ queryKey: meKey, queryFn: currentUser, staleTime: Infinity, enabled });
}
