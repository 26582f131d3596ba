import * as contract from '@clinic/contract/patients';
import { named, pagingQuery, searchText, z } from './common.js';

export const createPatientBody = named('CreatePatient', contract.createPatientBody);
export const updatePatientBody = named('UpdatePatient', contract.updatePatientBody);
export const patientSchema = named('Patient', contract.patientSchema);

export const listPatientsQuery = z.object({ q: searchText }).and(pagingQuery);
