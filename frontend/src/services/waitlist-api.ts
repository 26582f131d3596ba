// The waitlist (desk), through the one fetch client in api.ts.
import type { z } from '@clinic/contract/fields';
import type { NewWaitlistBody, WaitlistEntryBody, WaitlistOfferBody, waitlistWindow } from '@clinic/contract/waitlist';
import { list, request, type Paging } from './api';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type WaitlistWindow = z.infer<typeof waitlistWindow>;
export type NewWaitlistEntry = NewWaitlistBody;
export type WaitlistStatus = WaitlistEntryBody['status'];
export type OfferOutcome = WaitlistOfferBody['status'];
export type WaitlistOffer = WaitlistOfferBody;
export type WaitlistEntry = Omit<WaitlistEntryBody, '_id'>;

export type WaitlistFilter = Paging & { doctorId?: string; status?: WaitlistStatus };

/** Oldest first: the queue's order. */
export function listWaitlist(filter: WaitlistFilter) {
  return list<WaitlistEntry>('/waitlist', filter);
}

export async function addToWaitlist(entry: NewWaitlistEntry): Promise<WaitlistEntry> {
  return (await request<WaitlistEntry>('/waitlist', { method: 'POST', body: entry })).data;
}

export async function removeFromWaitlist(id: string): Promise<void> {
  await request<never>(`/waitlist/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
