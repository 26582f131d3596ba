import { DEFAULT_SITE_ID } from './models/site.js';
import { Types } from 'mongoose';
import type { Appointment, AppointmentView, Doctor, Patient } from '../store.js';
import type { AppointmentDoc } from './models/appointment.js';
import type { DoctorDoc } from './models/doctor.js';
import type { PatientDoc } from './models/patient.js';

/** Only 24-hex ids can name a document; anything else (a UUID from the SQL engine) names none. */
export const isObjectIdHex = (id: string) => /^[0-9a-f]{24}$/i.test(id);
export const toObjectId = (id: string) => new Types.ObjectId(id);

export function toDoctor(doc: DoctorDoc): Doctor {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    specialty: doc.specialty,
    email: doc.email ?? null,
    phone: doc.phone ?? null,
    slotMinutes: doc.slotMinutes,
    schedule: doc.schedule ?? null,
    calendarKey: doc.calendarKey,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export function toPatient(doc: PatientDoc): Patient {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    email: doc.email ?? null,
    phone: doc.phone ?? null,
    dateOfBirth: doc.dateOfBirth ?? null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export function toAppointment(doc: AppointmentDoc): Appointment {
  return {
    id: doc._id.toHexString(),
    doctorId: doc.doctorId.toHexString(),
    patientId: doc.patientId.toHexString(),
    start: doc.start,
    end: doc.end,
    status: doc.status,
    reason: doc.reason ?? null,
    cancelledAt: doc.cancelledAt ?? null,
    cancellationReason: doc.cancellationReason ?? null,
    checkedInAt: doc.checkedInAt ?? null,
    checkedInBy: doc.checkedInBy ?? null,
    completedAt: doc.completedAt ?? null,
    completedBy: doc.completedBy ?? null,
    noShowAt: doc.noShowAt ?? null,
    noShowBy: doc.noShowBy ?? null,
    patientConfirmedAt: doc.patientConfirmedAt ?? null,
    revision: doc.revision ?? 0,
    visitTypeId: doc.visitTypeId?.toHexString() ?? null,
    bufferMinutes: doc.bufferMinutes ?? 0,
    siteId: (doc.siteId ?? DEFAULT_SITE_ID).toHexString(),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

type Names = {
  doctors: Map<string, Pick<DoctorDoc, 'name' | 'specialty'>>;
  patients: Map<string, Pick<PatientDoc, 'name'>>;
  visitTypes: Map<string, { name: string }>;
  sites: Map<string, { name: string; timezone?: string | null }>;
};

/** Joins an appointment with names fetched in one batch per collection (never one query per row). */
export function toAppointmentView(doc: AppointmentDoc, names: Names): AppointmentView {
  const appointment = toAppointment(doc);
  const doctor = names.doctors.get(appointment.doctorId);
  const patient = names.patients.get(appointment.patientId);
  return {
    ...appointment,
    doctor: { id: appointment.doctorId, name: doctor?.name ?? '', specialty: doctor?.specialty ?? '' },
    patient: { id: appointment.patientId, name: patient?.name ?? '' },
    visitType: appointment.visitTypeId
      ? { id: appointment.visitTypeId, name: names.visitTypes.get(appointment.visitTypeId)?.name ?? '' }
      : null,
    site: {
      id: appointment.siteId,
      name: names.sites.get(appointment.siteId)?.name ?? '',
      timezone: names.sites.get(appointment.siteId)?.timezone ?? null,
    },
  };
}
