import type { Model } from 'mongoose';
import type { Page, PageOf, Patient } from '../store.js';
import { patientSearchKeys, prefixRange, searchForms, SEARCH_MATCH_CAP } from '../patient-search.js';
import { toPatient } from './mapping.js';
import type { PatientDoc } from './models/patient.js';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Filter = Record<string, unknown>;

async function pageOf(Patient: Model<PatientDoc>, filter: Filter, { limit, offset }: Page): Promise<PageOf<Patient>> {
  const [docs, total] = await Promise.all([
    Patient.find(filter).sort({ name: 1, _id: 1 }).skip(offset).limit(limit).lean(),
    Patient.countDocuments(filter, { limit: SEARCH_MATCH_CAP }),
  ]);
  return { items: docs.map(toPatient), total };
}

/**
 * The SQL adapter's search, on the multikey index of `searchKeys`: prefixes first, then text
 * the words anywhere in a name, or the text inside an email. MongoDB has no trigram match, so a
 * typo finds nothing here.
 */
export async function searchMongoPatients(Patient: Model<PatientDoc>, q: string, page: Page): Promise<PageOf<Patient>> {
  const forms = searchForms(q);
  if (forms.length === 0) return { items: [], total: 0 };
  const ranges = forms.map((form) => {
    const [from, to] = prefixRange(form);
    return { searchKeys: { $gte: from, $lt: to } };
  });
  const prefixed = await pageOf(Patient, { $or: ranges }, page);
  if (prefixed.total > 0) return prefixed;
  const inside = (text: string) => new RegExp(escapeRegex(text), 'i');
  const everyWord = forms[0]!.split(' ').map((word) => ({ name: inside(word) }));
  return pageOf(Patient, { $or: [{ $and: everyWord }, { email: inside(forms[1] ?? forms[0]!) }] }, page);
}

/** Keys for documents written before search keys existed, in batches, once at start-up. */
export async function backfillSearchKeys(Patient: Model<PatientDoc>): Promise<void> {
  const cursor = Patient.find({ searchKeys: { $exists: false } }, { name: 1, email: 1, phone: 1, dateOfBirth: 1 })
    .lean()
    .cursor();
  let batch: Parameters<Model<PatientDoc>['bulkWrite']>[0] = [];
  for await (const doc of cursor) {
    batch.push({ updateOne: { filter: { _id: doc._id }, update: { $set: { searchKeys: patientSearchKeys(doc) } } } });
    if (batch.length === 500) {
      await Patient.bulkWrite(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await Patient.bulkWrite(batch);
}
