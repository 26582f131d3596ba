// The pages a patient opens from a link (no account): their visit and a waitlist offer.
import type { Visit } from '@clinic/contract/visits';
import { request } from './api';

export type { Visit, VisitPurpose } from '@clinic/contract/visits';

const visitPath = (token: string) => `/visit/${encodeURIComponent(token)}`;

export async function getVisit(token: string): Promise<Visit> {
  return (await request<Visit>(visitPath(token))).data;
}

export async function confirmVisit(token: string): Promise<Visit> {
  return (await request<Visit>(`${visitPath(token)}/confirm`, { method: 'POST', body: {} })).data;
}

export async function cancelVisit(token: string): Promise<Visit> {
  return (await request<Visit>(`${visitPath(token)}/cancel`, { method: 'POST', body: {} })).data;
}

export type OfferStatus = 'open' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

/** A held time offered to someone on the waitlist, as its link shows it. */
export type Offer = {
  status: OfferStatus;
  expiresAt: string;
  appointment: {
    start: string;
    end: string;
    doctor: { name: string; specialty: string };
    visitType: { name: string } | null;
    site: { name: string; address: string | null; timezone: string };
  };
  patient: { firstName: string };
};

const offerPath = (token: string) => `/offers/${encodeURIComponent(token)}`;

export async function getOffer(token: string): Promise<Offer> {
  return (await request<Offer>(offerPath(token))).data;
}

export async function acceptOffer(token: string): Promise<{ status: 'accepted' }> {
  return (await request<{ status: 'accepted' }>(`${offerPath(token)}/accept`, { method: 'POST', body: {} })).data;
}

export async function declineOffer(token: string): Promise<{ status: 'declined' }> {
  return (await request<{ status: 'declined' }>(`${offerPath(token)}/decline`, { method: 'POST', body: {} })).data;
}
