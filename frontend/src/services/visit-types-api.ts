// A doctor's visit types, through the one fetch client in api.ts.
import type { NewVisitTypeBody, VisitTypeBody, VisitTypeChangesBody } from '@clinic/contract/visit-types';
import { request } from './api';

export type { NewVisitTypeBody, VisitTypeBody as VisitType, VisitTypeChangesBody } from '@clinic/contract/visit-types';

export async function listVisitTypes(doctorId: string): Promise<VisitTypeBody[]> {
  return (await request<VisitTypeBody[]>(`/doctors/${encodeURIComponent(doctorId)}/visit-types`)).data;
}

export async function createVisitType(doctorId: string, input: NewVisitTypeBody): Promise<VisitTypeBody> {
  return (await request<VisitTypeBody>(`/doctors/${encodeURIComponent(doctorId)}/visit-types`, { method: 'POST', body: input })).data;
}

export async function updateVisitType(id: string, changes: VisitTypeChangesBody): Promise<VisitTypeBody> {
  return (await request<VisitTypeBody>(`/visit-types/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes })).data;
}

export async function removeVisitType(id: string): Promise<void> {
  await request<never>(`/visit-types/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
