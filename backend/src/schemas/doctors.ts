import * as contract from '@clinic/contract/doctors';
import { named, pagingQuery, searchText, z } from './common.js';

export const scheduleSchema = named('Schedule', contract.scheduleSchema);
export const createDoctorBody = named('CreateDoctor', contract.createDoctorBody);
export const updateDoctorBody = named('UpdateDoctor', contract.updateDoctorBody);
export const doctorSchema = named('Doctor', contract.doctorSchema);

export const listDoctorsQuery = z.object({ specialty: searchText, q: searchText }).and(pagingQuery);

export const calendarQuery = z
  .object({ key: z.string().min(1).max(200).openapi({ description: "The doctor's calendar key, as in calendarUrl" }) })
  .strict();
