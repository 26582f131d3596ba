import type { AppointmentStatus, AppointmentView, Doctor, Patient, Schedule } from '../store.js';

export type DoctorRow = {
  id: string;
  name: string;
  specialty: string;
  email: string | null;
  phone: string | null;
  slot_minutes: number;
  schedule: Schedule | null;
  calendar_key: string;
  created_at: Date;
  updated_at: Date;
};

export type PatientRow = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  date_of_birth: string | Date | null;
  created_at: Date;
  updated_at: Date;
};

export type AppointmentViewRow = {
  id: string;
  doctor_id: string;
  patient_id: string;
  start_at: Date;
  end_at: Date;
  status: AppointmentStatus;
  reason: string | null;
  cancelled_at: Date | null;
  cancellation_reason: string | null;
  checked_in_at: Date | null;
  checked_in_by: string | null;
  completed_at: Date | null;
  completed_by: string | null;
  no_show_at: Date | null;
  no_show_by: string | null;
  patient_confirmed_at: Date | null;
  revision: number;
  visit_type_id: string | null;
  buffer_minutes: number;
  created_at: Date;
  updated_at: Date;
  visit_type_name: string | null;
  site_id: string;
  site_name: string;
  site_timezone: string | null;
  doctor_name: string;
  doctor_specialty: string;
  patient_name: string;
};

export const APPOINTMENT_VIEW_COLUMNS = `a.id, a.doctor_id, a.patient_id, a.start_at, a.end_at, a.status, a.reason,
  a.cancelled_at, a.cancellation_reason, a.checked_in_at, a.checked_in_by, a.completed_at, a.completed_by, a.no_show_at, a.no_show_by,
  a.patient_confirmed_at, a.revision,
  a.visit_type_id, a.buffer_minutes, a.site_id, a.created_at, a.updated_at,
  d.name AS doctor_name, d.specialty AS doctor_specialty, p.name AS patient_name, vt.name AS visit_type_name,
  s.name AS site_name, s.timezone AS site_timezone`;

export const APPOINTMENT_VIEW_JOINS = `JOIN doctors d ON d.id = a.doctor_id JOIN patients p ON p.id = a.patient_id
  LEFT JOIN visit_types vt ON vt.id = a.visit_type_id JOIN sites s ON s.id = a.site_id`;

/** A row that came back as JSON (to_jsonb): the same columns, with its timestamps as text. */
export function fromJson<Row extends { created_at: Date; updated_at: Date }>(json: Record<string, unknown> | null): Row | null {
  if (!json) return null;
  return { ...json, created_at: new Date(json.created_at as string), updated_at: new Date(json.updated_at as string) } as Row;
}

export function toDoctor(row: DoctorRow): Doctor {
  return {
    id: row.id,
    name: row.name,
    specialty: row.specialty,
    email: row.email,
    phone: row.phone,
    slotMinutes: row.slot_minutes,
    schedule: row.schedule,
    calendarKey: row.calendar_key,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// PGlite returns DATE as a Date at UTC midnight, pg (as configured) as text; both become 'YYYY-MM-DD'.
function toIsoDate(value: string | Date | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value : value.toISOString().slice(0, 10);
}

export function toPatient(row: PatientRow): Patient {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    dateOfBirth: toIsoDate(row.date_of_birth),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toAppointmentView(row: AppointmentViewRow): AppointmentView {
  return {
    id: row.id,
    doctorId: row.doctor_id,
    patientId: row.patient_id,
    start: row.start_at,
    end: row.end_at,
    status: row.status,
    reason: row.reason,
    cancelledAt: row.cancelled_at,
    cancellationReason: row.cancellation_reason,
    checkedInAt: row.checked_in_at,
    checkedInBy: row.checked_in_by,
    completedAt: row.completed_at,
    completedBy: row.completed_by,
    noShowAt: row.no_show_at,
    noShowBy: row.no_show_by,
    patientConfirmedAt: row.patient_confirmed_at,
    revision: row.revision,
    visitTypeId: row.visit_type_id,
    bufferMinutes: row.buffer_minutes,
    siteId: row.site_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    doctor: { id: row.doctor_id, name: row.doctor_name, specialty: row.doctor_specialty },
    patient: { id: row.patient_id, name: row.patient_name },
    visitType: row.visit_type_id ? { id: row.visit_type_id, name: row.visit_type_name ?? '' } : null,
    site: { id: row.site_id, name: row.site_name, timezone: row.site_timezone },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids of the other engine (ObjectId hex) are well formed for the API but can name no row here. */
export const isSqlId = (id: string) => UUID.test(id);

export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
