import * as contract from '@clinic/contract/patients';
import { named, pagingQuery, searchText, z } from './common.js';

export const createPatientBody = named('CreatePatient', contract.createPatientBody);
export const updatePatientBody = named('UpdatePatient', contract.updatePatientBody);
export const patientSchema = named('Patient', contract.patientSchema);

/** Patient lists answer at most this many rows a page (a larger ?limit= is lowered, and meta.limit says so). */
export const PATIENT_PAGE_MAX = 100;

export const listPatientsQuery = z
  .object({
    q: searchText.openapi({
      description:
        'Finds patients by the start of any word of the name (in any case; hyphens and apostrophes ignored), the start of the ' +
        'email, four or more digits of the phone, or the birth date (YYYY-MM-DD); exact matches first. When nothing starts so: ' +
        'each word anywhere in the name or the text inside the email, then the same with typos corrected. With `q`, ' +
        '`meta.total` counts at most 1,000 matches: type more to narrow.',
    }),
  })
  .and(pagingQuery)
  .transform((query) => ({ ...query, limit: Math.min(query.limit, PATIENT_PAGE_MAX) }));
