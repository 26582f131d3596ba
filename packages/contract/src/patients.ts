import { emailSchema, isoDate, isoDateTime, nameSchema, phoneSchema, z } from './fields.js';

// Clients of the original API stored birth dates as Date and send them as full ISO instants; the
// day is what counts, once the instant is a real one (1990-01-01T99:99:99Z is not).
const dayOf = (value: unknown) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && isoDateTime.safeParse(value).success ? value.slice(0, 10) : value;

const pad = (value: number) => String(value).padStart(2, '0');
// Today where the check runs: the server's clock, or the browser's before the form is sent.
const today = (now = new Date()) => `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;

const birthDate = z.preprocess(
  dayOf,
  // isoDate already starts at 1900, which is as early as a birth date may be.
  isoDate.refine((value) => value <= today(), 'must not be in the future'),
);

const patientFields = {
  name: nameSchema.meta({ example: 'Ana Silva' }),
  // Optional: a child may have none; where given it is unique, case-insensitively.
  email: emailSchema.nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  dateOfBirth: birthDate.nullable().optional(),
};

export const createPatientBody = z.object(patientFields).strict();

export const updatePatientBody = z
  .object(patientFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change');

export const patientSchema = z.object({
  id: z.string(),
  _id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type NewPatient = z.input<typeof createPatientBody>;
export type Patient = z.infer<typeof patientSchema>;
export type PatientChanges = z.input<typeof updatePatientBody>;
