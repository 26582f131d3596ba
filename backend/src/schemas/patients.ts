import { DateTime } from 'luxon';
import { emailSchema, isoDate, nameSchema, pagingQuery, phoneSchema, searchText, z } from './common.js';

// Clients of the original API stored birth dates as Date and send them as full ISO instants; the day is what counts.
const dayOf = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value);

const birthDate = z.preprocess(
  dayOf,
  isoDate.refine((value) => DateTime.fromISO(value) <= DateTime.now(), 'must not be in the future'),
);

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

/** Patient lists answer at most this many rows a page (a larger ?limit= is lowered, and meta.limit says so). */
export const PATIENT_PAGE_MAX = 100;

export const listPatientsQuery = z
  .object({ q: searchText })
  .and(pagingQuery)
  .transform((query) => ({ ...query, limit: Math.min(query.limit, PATIENT_PAGE_MAX) }));

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
