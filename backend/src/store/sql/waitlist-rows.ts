import type { OfferStatus, WaitlistEntry, WaitlistOffer, WaitlistStatus, WaitlistWindow } from '../ports/waitlist.js';

export type OfferRow = {
  id: string;
  entry_id: string;
  freed_id: string;
  appointment_id: string | null;
  doctor_id: string;
  start_at: Date | string;
  end_at: Date | string;
  status: OfferStatus;
  expires_at: Date | string;
  created_at: Date | string;
  decided_at: Date | string | null;
};

export type EntryRow = {
  id: string;
  patient_id: string;
  patient_name: string;
  doctor_id: string | null;
  doctor_name: string | null;
  doctor_specialty: string | null;
  specialty: string | null;
  visit_type_id: string | null;
  visit_type_name: string | null;
  windows: WaitlistWindow[];
  note: string | null;
  status: WaitlistStatus;
  created_at: Date;
  offers: OfferRow[];
};

// The offers come back as JSON (to_jsonb), with their timestamps as text.
const instant = (value: Date | string) => (value instanceof Date ? value : new Date(value));

export const toOffer = (row: OfferRow): WaitlistOffer => ({
  id: row.id,
  entryId: row.entry_id,
  appointmentId: row.appointment_id,
  doctorId: row.doctor_id,
  start: instant(row.start_at),
  end: instant(row.end_at),
  status: row.status,
  expiresAt: instant(row.expires_at),
  createdAt: instant(row.created_at),
  decidedAt: row.decided_at === null ? null : instant(row.decided_at),
});

export const toEntry = (row: EntryRow): WaitlistEntry => ({
  id: row.id,
  patient: { id: row.patient_id, name: row.patient_name },
  doctor: row.doctor_id ? { id: row.doctor_id, name: row.doctor_name ?? '', specialty: row.doctor_specialty ?? '' } : null,
  specialty: row.specialty,
  visitType: row.visit_type_id ? { id: row.visit_type_id, name: row.visit_type_name ?? '' } : null,
  windows: row.windows,
  note: row.note,
  status: row.status,
  createdAt: row.created_at,
  offers: row.offers.map(toOffer),
});

export const ENTRY_SELECT = `
SELECT e.id, e.patient_id, p.name AS patient_name, e.doctor_id, d.name AS doctor_name, d.specialty AS doctor_specialty, e.specialty,
  e.visit_type_id, vt.name AS visit_type_name, e.windows, e.note, e.status, e.created_at,
  COALESCE((SELECT jsonb_agg(to_jsonb(o) ORDER BY o.created_at DESC, o.id) FROM waitlist_offers o WHERE o.entry_id = e.id), '[]'::jsonb) AS offers
FROM waitlist_entries e JOIN patients p ON p.id = e.patient_id
  LEFT JOIN doctors d ON d.id = e.doctor_id LEFT JOIN visit_types vt ON vt.id = e.visit_type_id`;
