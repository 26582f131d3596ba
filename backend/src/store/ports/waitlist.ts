/** The waitlist: patients waiting for a freed slot, and the held offers made to them in turn. */

import type { AuditEntry } from './audit.js';
import type { AppointmentView, NewAppointment, PageOf, Weekday } from '../store.js';

/** A time that suits the patient, in the site's wall time: on a weekday, on one date, or (neither) any day. */
export type WaitlistWindow = { weekday?: Weekday; date?: string; start: string; end: string };

/** waiting → offered → (declined or expired: waiting again) → booked; removed by staff at any point. */
export type WaitlistStatus = 'waiting' | 'offered' | 'booked' | 'removed';
/** open → accepted | declined | expired | withdrawn (the entry was removed). */
export type OfferStatus = 'open' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

export type WaitlistOffer = {
  id: string;
  entryId: string;
  /** The HELD appointment; BOOKED once accepted, gone once the offer ends otherwise. */
  appointmentId: string | null;
  doctorId: string;
  start: Date;
  end: Date;
  status: OfferStatus;
  expiresAt: Date;
  createdAt: Date;
  decidedAt: Date | null;
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
  createdAt: Date;
  /** Newest first. */
  offers: WaitlistOffer[];
};

/** An offer with what a patient's page and email show: the held appointment and whose it is. */
export type OfferView = WaitlistOffer & {
  appointment: AppointmentView | null;
  patient: { id: string; name: string; email: string | null };
};

export type NewWaitlistEntry = {
  patientId: string;
  doctorId: string | null;
  specialty: string | null;
  visitTypeId: string | null;
  windows: WaitlistWindow[];
  note: string | null;
};

export type WaitlistFilter = { limit: number; offset: number; doctorId?: string; status?: WaitlistStatus };

/** Time that became free and may suit someone waiting: written in the transaction that freed it. */
export type FreedSlot = { id: string; doctorId: string; start: Date; end: Date; round: number };

/** A hold to place for an entry on a freed slot: the HELD appointment and its offer, made together. */
export type NewHold = {
  freedId: string;
  /** The freed slot's round this hold answers; another process that took the round first wins. */
  round: number;
  entryId: string;
  appointment: NewAppointment;
  expiresAt: Date;
  audit: AuditEntry;
};

export type OfferDecision = { accepted: true; appointment: AppointmentView } | { accepted: false; status: OfferStatus };

export interface WaitlistRepository {
  /** Null when the patient, doctor or visit type is unknown. */
  add(entry: NewWaitlistEntry): Promise<WaitlistEntry | null>;
  list(filter: WaitlistFilter): Promise<PageOf<WaitlistEntry>>;
  get(id: string): Promise<WaitlistEntry | null>;
  /** Marks it removed and withdraws its open offer (the hold is released); null when unknown. */
  remove(id: string, audit: AuditEntry): Promise<WaitlistEntry | null>;
  /** Waiting entries that may want a slot of this doctor (theirs or their specialty's), oldest first, none already offered this slot. */
  candidates(freedId: string, doctorId: string, specialty: string): Promise<WaitlistEntry[]>;
  /** Freed slots no offer is open on, oldest first. */
  openFreed(limit: number): Promise<FreedSlot[]>;
  /** Places the hold; false when another process took the round, or the entry is no longer waiting. Throws the booking conflicts. */
  hold(input: NewHold): Promise<{ offer: WaitlistOffer } | false>;
  /** Nobody in line fits: the freed slot is done with (unless the round moved on). */
  closeFreed(id: string, round: number): Promise<void>;
  offer(id: string): Promise<OfferView | null>;
  /** Accepts an open offer still in time at `now`, turning its hold into a BOOKED appointment; otherwise says what it is. */
  accept(id: string, now: Date, audit: AuditEntry[]): Promise<OfferDecision | null>;
  /** Declines an open offer and releases its hold; the freed slot goes to the next in line. */
  decline(id: string, now: Date, audit: AuditEntry): Promise<OfferStatus | null>;
  /** Ends the open offers whose hold ran out by `now`, releasing their slots to the next in line. */
  expireDue(now: Date, audit: (offer: WaitlistOffer) => AuditEntry): Promise<WaitlistOffer[]>;
}
