import type { Appointment as AppointmentBody, Availability as AvailabilityBody } from '@clinic/contract/appointments';
import type { Doctor as DoctorBody } from '@clinic/contract/doctors';
import type { Patient as PatientBody } from '@clinic/contract/patients';
import type { AppointmentView, Doctor, Patient, PageOf } from '../store/store.js';
import type { Availability } from '../services/availability.js';

// Each presenter returns its response schema's type (packages/contract), so the two cannot drift.

const iso = (date: Date | null) => (date ? date.toISOString() : null);

// Every resource carries its id twice: `_id` is what the original API's clients read.
export const presentDoctor = (doctor: Doctor): DoctorBody => ({
  id: doctor.id,
  _id: doctor.id,
  name: doctor.name,
  specialty: doctor.specialty,
  email: doctor.email,
  phone: doctor.phone,
  slotMinutes: doctor.slotMinutes,
  schedule: doctor.schedule,
  createdAt: doctor.createdAt.toISOString(),
  updatedAt: doctor.updatedAt.toISOString(),
});

export const presentPatient = (patient: Patient): PatientBody => ({
  id: patient.id,
  _id: patient.id,
  name: patient.name,
  email: patient.email,
  phone: patient.phone,
  dateOfBirth: patient.dateOfBirth,
  createdAt: patient.createdAt.toISOString(),
  updatedAt: patient.updatedAt.toISOString(),
});

/** `clinicZone` is CLINIC_TIMEZONE: the zone of the default site, which the store leaves unnamed. */
export const presentAppointment = (appointment: AppointmentView, clinicZone: string): AppointmentBody => ({
  id: appointment.id,
  _id: appointment.id,
  doctorId: appointment.doctorId,
  patientId: appointment.patientId,
  doctor: appointment.doctor,
  patient: appointment.patient,
  start: appointment.start.toISOString(),
  end: appointment.end.toISOString(),
  status: appointment.status,
  reason: appointment.reason,
  cancelledAt: iso(appointment.cancelledAt),
  cancellationReason: appointment.cancellationReason,
  checkedInAt: iso(appointment.checkedInAt),
  checkedInBy: appointment.checkedInBy,
  completedAt: iso(appointment.completedAt),
  completedBy: appointment.completedBy,
  noShowAt: iso(appointment.noShowAt),
  noShowBy: appointment.noShowBy,
  patientConfirmedAt: iso(appointment.patientConfirmedAt),
  visitType: appointment.visitType,
  bufferMinutes: appointment.bufferMinutes,
  site: { id: appointment.site.id, name: appointment.site.name, timezone: appointment.site.timezone ?? clinicZone },
  createdAt: appointment.createdAt.toISOString(),
  updatedAt: appointment.updatedAt.toISOString(),
});

export const presentAvailability = (availability: Availability): AvailabilityBody => ({
  ...availability,
  slots: availability.slots.map(({ start, end, ...where }) => ({ start: start.toISOString(), end: end.toISOString(), ...where })),
});

export const ok = <T>(data: T) => ({ success: true as const, data });

export const okPage = <T, R>(page: PageOf<T>, paging: { limit: number; offset: number }, present: (item: T) => R) => ({
  success: true as const,
  data: page.items.map(present),
  meta: { total: page.total, limit: paging.limit, offset: paging.offset },
});
