import { emailSchema, idSchema, isoDate, nameSchema, phoneSchema, slotMinutesSchema, specialtySchema, z } from './fields.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time as HH:mm');

const windowSchema = z
  .object({
    start: clock,
    end: clock,
    siteId: idSchema.optional().meta({ description: 'The site the window is at; none: the default site' }),
  })
  .strict()
  .refine((window) => window.start < window.end, { message: 'end must be after start', path: ['end'] });

// Wall times of one site compare directly; two sites in different zones may well share a wall time.
const apart = (windows: Array<{ start: string; end: string }>) =>
  [...windows].sort((a, b) => a.start.localeCompare(b.start)).every((window, i, all) => i === 0 || all[i - 1]!.end <= window.start);

const dayWindows = z
  .array(windowSchema)
  .max(12)
  .refine(
    (windows) => [...new Set(windows.map((w) => w.siteId))].every((site) => apart(windows.filter((w) => w.siteId === site))),
    'windows of one day at one site must not overlap',
  );

const weeklySchema = z
  .object({ mon: dayWindows, tue: dayWindows, wed: dayWindows, thu: dayWindows, fri: dayWindows, sat: dayWindows, sun: dayWindows })
  .partial()
  .strict();

/** A weekly rota from a date on: later dates keep it until a newer one takes over. */
const rotaSchema = z.object({ effectiveFrom: isoDate, weekly: weeklySchema }).strict();

export const scheduleSchema = z
  .object({
    weekly: weeklySchema.optional(),
    daysOff: z.array(isoDate).max(366).optional(),
    rotas: z
      .array(rotaSchema)
      .max(100)
      .refine((rotas) => new Set(rotas.map((rota) => rota.effectiveFrom)).size === rotas.length, 'two rotas start on the same date')
      .optional()
      .meta({ description: 'Dated rotas: on a date, the latest one starting on or before it applies instead of weekly' }),
  })
  .strict()
  .meta({
    description:
      'Weekly working windows in clinic time (a weekday left out is a day off) and dates off. Without it the clinic hours apply every day.',
    example: {
      weekly: {
        mon: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '17:00' },
        ],
      },
      daysOff: ['2026-12-25'],
    },
  });

const doctorFields = {
  name: nameSchema.meta({ example: 'Dr. Maria Alvarez' }),
  specialty: specialtySchema.meta({ example: 'Cardiology' }),
  email: emailSchema.nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  slotMinutes: slotMinutesSchema.optional().meta({ description: 'Default appointment length', example: 30 }),
  schedule: scheduleSchema.nullable().optional(),
};

export const createDoctorBody = z.object(doctorFields).strict();

export const updateDoctorBody = z
  .object(doctorFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change');

export const doctorSchema = z.object({
  id: z.string(),
  _id: z.string(),
  name: z.string(),
  specialty: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  slotMinutes: z.number().int(),
  schedule: scheduleSchema.nullable(),
  calendarUrl: z
    .string()
    .optional()
    .meta({ description: "The doctor's calendar feed (iCalendar) with its secret key; shown to staff and admins only" }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type Schedule = z.infer<typeof scheduleSchema>;
export type NewDoctor = z.input<typeof createDoctorBody>;
export type Doctor = z.infer<typeof doctorSchema>;
export type DoctorChanges = z.input<typeof updateDoctorBody>;

export const putScheduleBody = z
  .object({
    effectiveFrom: isoDate
      .optional()
      .meta({ description: 'First day the rota applies (clinic time); today when left out. Not in the past' }),
    weekly: weeklySchema,
  })
  .strict();

export const rotaOnDateSchema = z.object({
  effectiveFrom: z.string().nullable().meta({ description: 'The first day of the rota that applies; null when no dated rota does' }),
  weekly: weeklySchema,
});

export type NewRota = z.infer<typeof putScheduleBody>;
