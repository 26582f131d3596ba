// The waitlist (desk), through the one fetch client in api.ts.
import { list, request, type Paging } from './api';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When the patient could come: every given weekday, or one date, between two clinic wall times. */
export type WaitlistWindow = { weekday?: Weekday; date?: string; start: string; end: string };

export type NewWaitlistEntry = {
  patientId: string;
  doctorId?: string;
  specialty?: string;
  visitTypeId?: string;
  windows: WaitlistWindow[];
  note?: string;
};

export type WaitlistStatus = 'waiting' | 'offered' | 'booked' | 'removed';
export type OfferOutcome = 'open' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

export type WaitlistOffer = {
  id: string;
  entryId: string;
  appointmentId: string;
  doctorId: string;
  start: string;
  end: string;
  status: OfferOutcome;
  expiresAt: string;
  createdAt: string;
  decidedAt: string | null;
};

export type WaitlistEntry = {
  id: string;
  patient: { id: string; name: string };
  doctor: { id: string; name: string; specialty: string } | null;
  specialty: string | null;
  visitType: { id: string; name: string } | null;
  windows: WaitlistWindow[];
  note: string | null;
  status: WaitlistStatus;
  createdAt: string;
  offers: WaitlistOffer[];
};

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
