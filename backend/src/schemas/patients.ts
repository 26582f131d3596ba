import * as contract from '@clinic/contract/patients';
import { named, pagingQuery, searchText, z } from './common.js';

export const createPatientBody = named('CreatePatient', contract.createPatientBody);
export const updatePatientBody = named('UpdatePatient', contract.updatePatientBody);
export const patientSchema = named('Patient', contract.patientSchema);

/** Patient lists answer at most this many rows a page (a larger ?limit= is lowered, and meta.limit says so). */
export const PATIENT_PAGE_MAX = 100;

export const listPatientsQuery = z
  .object({ q: searchText })
  .and(pagingQuery)
  .transform((query) => ({ ...query, limit: Math.min(query.limit, PATIENT_PAGE_MAX) }));
