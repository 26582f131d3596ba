import * as contract from '@clinic/contract/time-off';
import { isoDateTime, named, z } from './common.js';

export const createTimeOffBody = named('CreateTimeOff', contract.createTimeOffBody);
export const timeOffSchema = named('TimeOff', contract.timeOffSchema);
export const createdTimeOffSchema = named('CreatedTimeOff', contract.createdTimeOffSchema);

export const listTimeOffQuery = z
  .object({
    from: isoDateTime.optional().openapi({ description: 'Only time off ending after this instant' }),
    to: isoDateTime.optional().openapi({ description: 'Only time off starting before this instant' }),
  })
  .strict();
