import * as contract from '@clinic/contract/visit-types';
import { named } from './common.js';

export const createVisitTypeBody = named('CreateVisitType', contract.createVisitTypeBody);
export const updateVisitTypeBody = named('UpdateVisitType', contract.updateVisitTypeBody);
export const visitTypeSchema = named('VisitType', contract.visitTypeSchema);
