import { describe, expect, it } from 'vitest';
import { isoDateTime } from '@clinic/contract/fields';
import { presentAppointment, presentAvailability, presentDoctor, presentPatient } from '../../src/controllers/present.js';
import { appointmentSchema, availabilitySchema } from '../../src/schemas/appointments.js';
import { doctorSchema } from '../../src/schemas/doctors.js';
import { patientSchema } from '../../src/schemas/patients.js';
import { parseInstant } from '../../src/services/clinic-time.js';

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
const two = (n: number) => String(n).padStart(2, '0');

describe('the contract’s date-time rule', () => {
  it('accepts exactly the 5,000 texts the services can read as instants, in range or not', () => {
    for (let i = 0; i < 5000; i += 1) {
      const date =
        `${pick([0, 999, 2024, 2026, 9999])}`.padStart(4, '0') + `-${two(pick([0, 1, 2, 12, 13]))}-${two(pick([0, 1, 29, 30, 31, 32]))}`;
      const time = `${two(pick([0, 9, 23, 24, 25]))}:${two(pick([0, 1, 59, 60]))}${pick(['', ':00', ':01', ':59', ':60', ':00.000', '.5', ':00.5', ':07.123456789'])}`;
      const text = `${date}${pick(['T', 't'])}${time}${pick(['', 'Z', 'z', '+01:00', '-0530', '+14:00', '+24:00', '+01:60'])}`;
      // The contract also keeps years within 1900-9998 and offsets within ±14:00 (issue 16), which
      // the parser does not judge.
      const inYears = Number(text.slice(0, 4)) >= 1900 && Number(text.slice(0, 4)) <= 9998;
      const offset = /[+-](\d{2}):?(\d{2})$/.exec(text);
      const inOffsets = !offset || (Number(offset[2]) < 60 && Number(offset[1]) * 60 + Number(offset[2]) <= 14 * 60);
      expect(isoDateTime.safeParse(text).success, text).toBe(inYears && inOffsets && parseInstant(text, 'UTC') !== null);
    }
  });
});

// The presenters' return types are the schemas' (present.ts); these catch what types cannot: a
// field spread in that the schema does not list, or a value of the wrong shape at run time.
describe('what the presenters send', () => {
  const at = new Date('2026-03-02T10:00:00.000Z');
  const doctor = {
    id: 'd1',
    name: 'Dr. Maria Alvarez',
    specialty: 'Cardiology',
    email: null,
    phone: '+44 20 7946 0958',
    slotMinutes: 30,
    schedule: { weekly: { mon: [{ start: '09:00', end: '12:00' }] }, daysOff: ['2026-12-25'] },
    calendarKey: 'a-secret-key',
    createdAt: at,
    updatedAt: at,
  };
  const patient = {
    id: 'p1',
    name: 'Ana Silva',
    email: 'ana@example.org',
    phone: null,
    dateOfBirth: '1990-05-01',
    createdAt: at,
    updatedAt: at,
  };
  const appointment = {
    id: 'a1',
    doctorId: 'd1',
    patientId: 'p1',
    doctor: { id: 'd1', name: 'Dr. Maria Alvarez', specialty: 'Cardiology' },
    patient: { id: 'p1', name: 'Ana Silva' },
    start: at,
    end: new Date('2026-03-02T10:30:00.000Z'),
    status: 'CANCELLED' as const,
    reason: 'Annual check-up',
    cancelledAt: at,
    cancellationReason: 'Patient called to cancel',
    checkedInAt: null,
    checkedInBy: null,
    completedAt: null,
    completedBy: null,
    noShowAt: null,
    noShowBy: null,
    patientConfirmedAt: null,
    revision: 0,
    visitTypeId: 'v1',
    bufferMinutes: 10,
    visitType: { id: 'v1', name: 'New patient' },
    siteId: 's1',
    site: { id: 's1', name: 'North', timezone: 'Europe/London' },
    createdAt: at,
    updatedAt: at,
  };
  const availability = {
    doctorId: 'd1',
    date: '2026-03-02',
    timezone: 'UTC',
    slotMinutes: 30,
    visitTypeId: null,
    bufferMinutes: 0,
    slots: [{ start: at, end: at, siteId: 's1', timezone: 'UTC' }],
  };

  it.each([
    ['doctor', doctorSchema, presentDoctor(doctor)],
    ['patient', patientSchema, presentPatient(patient)],
    ['appointment', appointmentSchema, presentAppointment(appointment, 'UTC')],
    ['availability', availabilitySchema, presentAvailability(availability)],
  ])('sends a %s exactly as its response schema describes it, no field more or less', (_name, schema, presented) => {
    expect(schema.parse(presented)).toEqual(presented);
  });
});
