import type { DoctorRepository, PatientRepository } from '../store.js';
import type { MongoAuditWriter } from './audit.js';
import { mongoCall } from './errors.js';
import { isObjectIdHex, toDoctor, toPatient } from './mapping.js';
import { newCalendarKey } from './models/doctor.js';
import type { Models } from './models/index.js';
import { patientSearchKeys } from '../patient-search.js';
import { searchMongoPatients } from './patient-search.js';

const UPDATE_OPTIONS = { returnDocument: 'after', runValidators: true, timestamps: false } as const;

/**
 * Writes an edit with an `updatedAt` strictly later than the one it replaces, even within one
 * millisecond, because bookings use it as the version; an edit racing this one makes it go again.
 */
async function updateVersioned<Doc>(
  readVersion: () => Promise<{ updatedAt: Date } | null>,
  write: (current: Date, next: Date) => Promise<Doc | null>,
): Promise<Doc | null> {
  for (;;) {
    const current = await readVersion();
    if (!current) return null;
    const written = await write(current.updatedAt, new Date(Math.max(Date.now(), current.updatedAt.getTime() + 1)));
    if (written) return written;
  }
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const contains = (text: string) => new RegExp(escapeRegex(text), 'i');

/** Gives every doctor stored before calendar feeds existed a key of its own (once, at start-up). */
export async function backfillCalendarKeys({ Doctor }: Pick<Models, 'Doctor'>): Promise<void> {
  for (const { _id } of await Doctor.find({ calendarKey: { $exists: false } }, { _id: 1 }).lean()) {
    await Doctor.updateOne({ _id, calendarKey: { $exists: false } }, { $set: { calendarKey: newCalendarKey() } }, { timestamps: false });
  }
}

export function mongoDoctors({ Doctor }: Models): DoctorRepository {
  return {
    create: (input) => mongoCall(async () => toDoctor((await Doctor.create(input)).toObject())),
    get: (id) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const doc = await Doctor.findById(id).lean();
        return doc ? toDoctor(doc) : null;
      }),
    rotateCalendarKey: (id) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        // timestamps off: the key is not a version the bookings check.
        const doc = await Doctor.findByIdAndUpdate(
          id,
          { $set: { calendarKey: newCalendarKey() } },
          { returnDocument: 'after', timestamps: false },
        ).lean();
        return doc ? toDoctor(doc) : null;
      }),
    update: (id, changes) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const doc = await updateVersioned(
          () => Doctor.findById(id, { updatedAt: 1 }).lean(),
          (current, updatedAt) =>
            Doctor.findOneAndUpdate({ _id: id, updatedAt: current }, { $set: { ...changes, updatedAt } }, UPDATE_OPTIONS).lean(),
        );
        return doc ? toDoctor(doc) : null;
      }),
    list: ({ specialty, q, limit, offset }) =>
      mongoCall(async () => {
        const filter = {
          ...(specialty ? { specialty: new RegExp(`^${escapeRegex(specialty)}$`, 'i') } : {}),
          ...(q ? { name: contains(q) } : {}),
        };
        const [docs, total] = await Promise.all([
          Doctor.find(filter).sort({ name: 1, _id: 1 }).skip(offset).limit(limit).lean(),
          Doctor.countDocuments(filter),
        ]);
        return { items: docs.map(toDoctor), total };
      }),
  };
}

export function mongoPatients({ Patient }: Models, audit: MongoAuditWriter): PatientRepository {
  return {
    create: (input, entry) =>
      mongoCall(() =>
        audit.write(
          entry,
          async (session) => {
            const [created] = await Patient.create(
              [{ ...input, emailKey: input.email?.toLowerCase() ?? null, searchKeys: patientSearchKeys(input) }],
              { session },
            );
            return toPatient(created!.toObject());
          },
          (patient) => patient.id,
        ),
      ),
    get: (id) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const doc = await Patient.findById(id).lean();
        return doc ? toPatient(doc) : null;
      }),
    update: (id, changes, entry) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        // Removing an email (null) frees its key too; the partial unique index skips the null.
        const set = changes.email === undefined ? changes : { ...changes, emailKey: changes.email?.toLowerCase() ?? null };
        return audit.write(
          entry,
          async (session) => {
            const doc = await updateVersioned(
              () =>
                Patient.findById(id, { updatedAt: 1 })
                  .session(session ?? null)
                  .lean(),
              (current, updatedAt) =>
                Patient.findOneAndUpdate(
                  { _id: id, updatedAt: current },
                  { $set: { ...set, updatedAt } },
                  { ...UPDATE_OPTIONS, session },
                ).lean(),
            );
            if (!doc) return null;
            // Keys come from the whole record, known only after the edit; an edit that overtook this
            // one has a later updatedAt and writes its own.
            await Patient.updateOne({ _id: id, updatedAt: doc.updatedAt }, { $set: { searchKeys: patientSearchKeys(doc) } }, { session });
            return toPatient(doc);
          },
          (patient) => patient?.id,
        );
      }),
    list: ({ q, limit, offset }) =>
      mongoCall(async () => {
        if (q) return searchMongoPatients(Patient, q, { limit, offset });
        const [docs, total] = await Promise.all([
          Patient.find().sort({ name: 1, _id: 1 }).skip(offset).limit(limit).lean(),
          Patient.countDocuments(),
        ]);
        return { items: docs.map(toPatient), total };
      }),
  };
}
