import type { ClientSession } from 'mongoose';
import type { AppointmentView } from '../store.js';
import { toAppointmentView } from './mapping.js';
import type { AppointmentDoc } from './models/appointment.js';
import type { Models } from './models/index.js';

/**
 * Joins appointments with their doctors', patients' and visit types' names, one query per collection. Inside a
 * transaction the two run one after the other: the driver does not support concurrent operations
 * on one session.
 */
export async function appointmentViews(
  { Doctor, Patient, VisitType, Site }: Models,
  docs: AppointmentDoc[],
  session?: ClientSession,
): Promise<AppointmentView[]> {
  const doctorIds = [...new Set(docs.map((doc) => doc.doctorId.toHexString()))];
  const patientIds = [...new Set(docs.map((doc) => doc.patientId.toHexString()))];
  const findDoctors = () =>
    Doctor.find({ _id: { $in: doctorIds } }, { name: 1, specialty: 1 })
      .session(session ?? null)
      .lean();
  const findPatients = () =>
    Patient.find({ _id: { $in: patientIds } }, { name: 1 })
      .session(session ?? null)
      .lean();
  const visitTypeIds = [...new Set(docs.flatMap((doc) => (doc.visitTypeId ? [doc.visitTypeId.toHexString()] : [])))];
  // Most appointments name no visit type: then there is nothing to ask for.
  const findVisitTypes = async () =>
    visitTypeIds.length === 0
      ? []
      : VisitType.find({ _id: { $in: visitTypeIds } }, { name: 1 })
          .session(session ?? null)
          .lean();
  // Sites are few: all of them in one read.
  const findSites = () =>
    Site.find({}, { name: 1, timezone: 1 })
      .session(session ?? null)
      .lean();
  const [doctors, patients, visitTypes, sites] = session
    ? [await findDoctors(), await findPatients(), await findVisitTypes(), await findSites()]
    : await Promise.all([findDoctors(), findPatients(), findVisitTypes(), findSites()]);
  const names = {
    doctors: new Map(doctors.map((doc) => [doc._id.toHexString(), doc])),
    patients: new Map(patients.map((doc) => [doc._id.toHexString(), doc])),
    visitTypes: new Map(visitTypes.map((doc) => [doc._id.toHexString(), doc])),
    sites: new Map(sites.map((doc) => [doc._id.toHexString(), doc])),
  };
  return docs.map((doc) => toAppointmentView(doc, names));
}
