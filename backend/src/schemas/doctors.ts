import * as contract from '@clinic/contract/doctors';
import { isoDate, named, pagingQuery, searchText, z } from './common.js';

export const scheduleSchema = named('Schedule', contract.scheduleSchema);
export const createDoctorBody = named('CreateDoctor', contract.createDoctorBody);
export const updateDoctorBody = named('UpdateDoctor', contract.updateDoctorBody);
export const doctorSchema = named('Doctor', contract.doctorSchema);

export const listDoctorsQuery = z.object({ specialty: searchText, q: searchText }).and(pagingQuery);

export const putScheduleBody = named('PutSchedule', contract.putScheduleBody);
export const rotaOnDateSchema = named('RotaOnDate', contract.rotaOnDateSchema);
export const scheduleQuery = z
  .object({ date: isoDate.optional().openapi({ description: 'A clinic-local day; today when left out' }) })
  .strict();

export const calendarQuery = z
  .object({ key: z.string().min(1).max(200).openapi({ description: "The doctor's calendar key, as in calendarUrl" }) })
  .strict();
