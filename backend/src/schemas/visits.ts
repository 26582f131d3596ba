import * as contract from '@clinic/contract/visits';
import { named } from './common.js';

export const visitSchema = named('PatientVisit', contract.visitSchema);
export const visitActionBody = named('PatientVisitAction', contract.visitActionBody);
