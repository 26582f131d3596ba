import type { ClientSession } from 'mongoose';
import type { WaitlistEntry, WaitlistOffer } from '../ports/waitlist.js';
import type { Models } from './models/index.js';
import type { WaitlistEntryDoc, WaitlistOfferDoc } from './models/waitlist.js';

export const toOffer = (doc: WaitlistOfferDoc): WaitlistOffer => ({
  id: doc._id.toHexString(),
  entryId: doc.entryId.toHexString(),
  appointmentId: doc.appointmentId?.toHexString() ?? null,
  doctorId: doc.doctorId.toHexString(),
  start: doc.start,
  end: doc.end,
  status: doc.status,
  expiresAt: doc.expiresAt,
  createdAt: doc.createdAt,
  decidedAt: doc.decidedAt ?? null,
});

/** Entries with their patient's, doctor's and visit type's names and their offers: one query per collection, in turn within a session. */
export async function entryViews(
  { Patient, Doctor, VisitType, WaitlistOffer }: Models,
  docs: WaitlistEntryDoc[],
  session?: ClientSession,
): Promise<WaitlistEntry[]> {
  const ids = <T>(pick: (doc: WaitlistEntryDoc) => T | null) => [...new Set(docs.flatMap((doc) => (pick(doc) ? [pick(doc)!] : [])))];
  const s = session ?? null;
  const patients = await Patient.find({ _id: { $in: ids((doc) => doc.patientId) } }, { name: 1 })
    .session(s)
    .lean();
  const doctors = await Doctor.find({ _id: { $in: ids((doc) => doc.doctorId) } }, { name: 1, specialty: 1 })
    .session(s)
    .lean();
  const visitTypes = await VisitType.find({ _id: { $in: ids((doc) => doc.visitTypeId) } }, { name: 1 })
    .session(s)
    .lean();
  const offers = await WaitlistOffer.find({ entryId: { $in: docs.map((doc) => doc._id) } })
    .sort({ createdAt: -1, _id: 1 })
    .session(s)
    .lean();
  const byId = <T extends { _id: { toHexString(): string } }>(list: T[]) => new Map(list.map((item) => [item._id.toHexString(), item]));
  const [patientOf, doctorOf, visitTypeOf] = [byId(patients), byId(doctors), byId(visitTypes)];
  return docs.map((doc) => {
    const doctor = doc.doctorId && doctorOf.get(doc.doctorId.toHexString());
    const visitType = doc.visitTypeId && visitTypeOf.get(doc.visitTypeId.toHexString());
    return {
      id: doc._id.toHexString(),
      patient: { id: doc.patientId.toHexString(), name: patientOf.get(doc.patientId.toHexString())?.name ?? '' },
      doctor: doctor ? { id: doctor._id.toHexString(), name: doctor.name, specialty: doctor.specialty } : null,
      specialty: doc.specialty,
      visitType: visitType ? { id: visitType._id.toHexString(), name: visitType.name } : null,
      windows: doc.windows,
      note: doc.note,
      status: doc.status,
      createdAt: doc.createdAt,
      offers: offers.filter((offer) => offer.entryId.equals(doc._id)).map(toOffer),
    };
  });
}
