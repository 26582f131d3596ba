import { DateTime } from 'luxon';
import { emailSchema, isoDate, nameSchema, pagingQuery, phoneSchema, searchText, z } from './common.js';

const birthDate = isoDate.refine((value) => DateTime.fromISO(value) <= DateTime.now(), 'must not be in the future');

const patientFields = {
  name: nameSchema.openapi({ example: 'Ana Silva' }),
  email: emailSchema,
  phone: phoneSchema.nullable().optional(),
  dateOfBirth: birthDate.nullable().optional(),
};

export const createPatientBody = z.object(patientFields).strict().openapi('CreatePatient');

export const updatePatientBody = z
  .object(patientFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdatePatient');

export const listPatientsQuery = z.object({ q: searchText }).and(pagingQuery);

export const patientSchema = z
  .object({
    id: z.string(),
    _id: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    dateOfBirth: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Patient');
