import type { QueryClient } from '@tanstack/react-query';

/**
 * Drops every cached answer but the clinic settings and the user (which the caller sets next, so
 * its observers see the change), so one user never sees another's data.
 */
export function forgetEverythingButSettings(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'config' && query.queryKey[0] !== 'auth' });
}
