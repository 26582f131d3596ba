import { timingSafeEqual } from 'node:crypto';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';
import ical from 'ical-generator';
import { NotFoundError } from '../errors.js';
import { HOLDS_TIME, type AppointmentView, type Doctor, type Store } from '../store/store.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DAYS_BACK = 7;
const DAYS_AHEAD = 90;
const MOST_EVENTS = 5000;

/** "Ada Lovelace" is "Ada L.": a calendar app is not the place for a patient's full name. */
export function shortName(name: string): string {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  const last = rest.at(-1);
  return last ? `${first} ${[...last][0]!.toUpperCase()}.` : first;
}

const sameKey = (given: string, expected: string) => {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * A doctor's appointments as an RFC 5545 calendar for calendar apps, which cannot sign in: the
 * URL's key is the credential. Each appointment keeps one UID, and its SEQUENCE grows with every
 * move, so an app updates the event instead of adding a second one.
 */
export function calendarFeed(store: Store, timezone: string, clock: () => Date) {
  function render(doctor: Doctor, appointments: AppointmentView[]): string {
    const calendar = ical({
      name: `${doctor.name} · appointments`,
      prodId: { company: 'clinic', product: 'appointments', language: 'EN' },
    });
    calendar.timezone({ name: timezone, generator: getVtimezoneComponent });
    for (const appointment of appointments) {
      const zone = appointment.site.timezone ?? timezone;
      // A plain Date would be written in the server's own zone under the site's TZID; Luxon's is exact.
      const local = (instant: Date) => DateTime.fromJSDate(instant, { zone });
      calendar.createEvent({
        id: `${appointment.id}@clinic-appointments`,
        sequence: appointment.revision,
        start: local(appointment.start),
        end: local(appointment.end),
        timezone: zone,
        location: appointment.site.name,
        stamp: appointment.updatedAt,
        summary: shortName(appointment.patient.name),
        description: appointment.status === 'BOOKED' ? null : `Status: ${appointment.status.toLowerCase().replace('_', ' ')}`,
      });
    }
    return calendar.toString();
  }

  return {
    /** The feed, or 404 for an unknown doctor or a key that is not theirs (now). */
    async read(doctorId: string, key: string): Promise<{ doctor: Doctor; body: string }> {
      const doctor = await store.doctors.get(doctorId);
      if (!doctor || !sameKey(key, doctor.calendarKey)) throw new NotFoundError('Calendar not found');
      const now = clock().getTime();
      const { items } = await store.appointments.list({
        doctorId,
        statuses: HOLDS_TIME,
        from: new Date(now - DAYS_BACK * DAY_MS),
        to: new Date(now + DAYS_AHEAD * DAY_MS),
        limit: MOST_EVENTS,
        offset: 0,
      });
      return { doctor, body: render(doctor, items) };
    },
    rotate: async (doctorId: string): Promise<Doctor> => {
      const doctor = await store.doctors.rotateCalendarKey(doctorId);
      if (!doctor) throw new NotFoundError('Doctor not found');
      return doctor;
    },
  };
}

export type CalendarFeed = ReturnType<typeof calendarFeed>;
