// The clinic's sites, through the one fetch client in api.ts.
import type { NewSiteBody, SiteBody, SiteChangesBody } from '@clinic/contract/sites';
import { request } from './api';

export type { NewSiteBody, SiteBody as Site, SiteChangesBody } from '@clinic/contract/sites';

export async function listSites(): Promise<SiteBody[]> {
  return (await request<SiteBody[]>('/sites')).data;
}

export async function createSite(input: NewSiteBody): Promise<SiteBody> {
  return (await request<SiteBody>('/sites', { method: 'POST', body: input })).data;
}

export async function updateSite(id: string, changes: SiteChangesBody): Promise<SiteBody> {
  return (await request<SiteBody>(`/sites/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes })).data;
}
