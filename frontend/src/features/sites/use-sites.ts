import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createSite, listSites, updateSite, type NewSiteBody, type SiteChangesBody } from '../../services/sites-api';
import { availabilityKey } from '../booking/use-availability';

export const sitesKey = ['sites'] as const;

/** The clinic's sites, the default first; they change seldom, so one read serves a while. */
export function useSites() {
  return useQuery({ queryKey: sitesKey, queryFn: listSites, staleTime: 60_000 });
}

// A site's zone decides which instants its windows are, so free slots are read again.
function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: sitesKey }), queryClient.invalidateQueries({ queryKey: availabilityKey })]);
}

export function useAddSite() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: NewSiteBody) => createSite(input), onSettled: refresh });
}

export function useChangeSite() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: SiteChangesBody }) => updateSite(id, changes),
    onSettled: refresh,
  });
}
