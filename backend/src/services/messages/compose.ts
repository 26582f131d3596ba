import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical from 'ical-generator';
import { DateTime } from 'luxon';
import type { AuditRecord } from '../../store/ports/audit.js';
import type { MessageKind, NewMessage, ReminderDrop } from '../../store/ports/messages.js';
import type { Site } from '../../store/ports/sites.js';
import type { AppointmentView, Store } from '../../store/store.js';
import { offerLinkClaims, type PatientLinks } from '../patient-links.js';
import { render, type TemplateSource, type TemplateVariables } from './templates.js';

const HOUR_MS = 60 * 60_000;
// Patient links stay open a day after the visit, for a late look at what was booked.
const LINKS_OUTLIVE_VISIT_MS = 24 * HOUR_MS;
export const NO_EMAIL = 'the patient has no email address';

/** The audit actions that make messages: the chain is the outbox. */
export const MESSAGE_ACTIONS = ['appointment.book', 'appointment.reschedule', 'appointment.cancel', 'waitlist.offer'] as const;

export type ComposeOptions = { clinicZone: string; reminderHours: readonly number[]; links: PatientLinks };

export type Made = { messages: NewMessage[]; drops: ReminderDrop[] };

/** One appointment's event as messages, rendered now from the templates in force. */
export function messageComposer(store: Store, options: ComposeOptions) {
  const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

  async function context(appointment: AppointmentView) {
    const [patient, site] = await Promise.all([store.patients.get(appointment.patientId), store.sites.get(appointment.siteId)]);
    return { email: patient?.email ?? null, site, zone: appointment.site.timezone ?? options.clinicZone };
  }

  async function variables(appointment: AppointmentView, site: Site | null, zone: string): Promise<TemplateVariables> {
    const start = DateTime.fromJSDate(appointment.start, { zone });
    const expiresAt = new Date(appointment.end.getTime() + LINKS_OUTLIVE_VISIT_MS);
    const link = (purpose: 'view' | 'confirm' | 'cancel') => options.links.url({ purpose, id: appointment.id, expiresAt });
    const [viewUrl, confirmUrl, cancelUrl] = await Promise.all([link('view'), link('confirm'), link('cancel')]);
    return {
      patientName: firstName(appointment.patient.name),
      doctorName: appointment.doctor.name,
      specialty: appointment.doctor.specialty,
      visitType: appointment.visitType?.name ?? null,
      date: start.toFormat('cccc d LLLL yyyy'),
      time: start.toFormat('HH:mm'),
      timezone: zone,
      siteName: appointment.site.name,
      siteAddress: site?.address ?? null,
      viewUrl,
      confirmUrl,
      cancelUrl,
      offerUrl: null,
      offerExpires: null,
      hoursBefore: null,
    };
  }

  /** A single VEVENT whose UID is the calendar feed's, so a calendar app keeps one event per appointment. */
  function invitation(appointment: AppointmentView, site: Site | null, zone: string): string {
    const calendar = ical({ prodId: { company: 'clinic', product: 'appointments', language: 'EN' } });
    calendar.timezone({ name: zone, generator: getVtimezoneComponent });
    const local = (instant: Date) => DateTime.fromJSDate(instant, { zone });
    calendar.createEvent({
      id: `${appointment.id}@clinic-appointments`,
      sequence: appointment.revision,
      start: local(appointment.start),
      end: local(appointment.end),
      timezone: zone,
      location: site?.address ? `${appointment.site.name}, ${site.address}` : appointment.site.name,
      stamp: appointment.updatedAt,
      summary: `Appointment with ${appointment.doctor.name}`,
    });
    return calendar.toString();
  }

  function message(
    kind: MessageKind,
    record: AuditRecord,
    content: ReturnType<typeof render>,
    fields: { email: string | null; appointmentId: string; sendAt: Date; now: Date; start?: Date; ics?: string },
  ): NewMessage {
    return {
      kind,
      appointmentId: fields.appointmentId,
      appointmentStart: fields.start ?? null,
      eventSeq: record.seq,
      recipient: fields.email,
      subject: content.subject,
      textBody: content.text,
      htmlBody: content.html,
      ics: fields.ics ?? null,
      sendAt: fields.sendAt,
      createdAt: fields.now,
      status: fields.email ? 'pending' : 'unsent',
      lastError: fields.email ? null : NO_EMAIL,
    };
  }

  async function ofAppointment(record: AuditRecord, templates: Record<MessageKind, TemplateSource>, now: Date): Promise<Made> {
    const appointment = record.resourceId ? await store.appointments.get(record.resourceId) : null;
    if (!appointment) return { messages: [], drops: [] };
    const { email, site, zone } = await context(appointment);
    const vars = await variables(appointment, site, zone);
    const base = { email, appointmentId: appointment.id, now };
    const kind: MessageKind =
      record.action === 'appointment.book' ? 'confirmation' : record.action === 'appointment.cancel' ? 'cancelled' : 'rescheduled';
    const ics = kind === 'confirmation' ? invitation(appointment, site, zone) : undefined;
    const messages = [message(kind, record, render(templates[kind], vars), { ...base, sendAt: now, ics })];
    // A reminder whose time has already passed is not made; one still ahead is re-checked when due.
    if (kind !== 'cancelled' && appointment.status === 'BOOKED') {
      for (const hours of options.reminderHours) {
        const sendAt = new Date(appointment.start.getTime() - hours * HOUR_MS);
        if (sendAt <= now) continue;
        const content = render(templates.reminder, { ...vars, hoursBefore: hours });
        messages.push(message('reminder', record, content, { ...base, sendAt, start: appointment.start }));
      }
    }
    const drops = kind === 'confirmation' ? [] : [{ appointmentId: appointment.id, beforeSeq: record.seq }];
    return { messages, drops };
  }

  async function ofOffer(record: AuditRecord, templates: Record<MessageKind, TemplateSource>, now: Date): Promise<Made> {
    const offer = record.resourceId ? await store.waitlist.offer(record.resourceId) : null;
    if (!offer?.appointment) return { messages: [], drops: [] };
    const { site, zone } = await context(offer.appointment);
    const vars = await variables(offer.appointment, site, zone);
    const offerUrl = await options.links.url(offerLinkClaims(offer));
    const offerExpires = DateTime.fromJSDate(offer.expiresAt, { zone }).toFormat('cccc d LLLL, HH:mm');
    // The held appointment is not the patient's yet: its own links would act on it, so only the offer's is given.
    const content = render(templates.waitlist_offer, { ...vars, viewUrl: null, confirmUrl: null, cancelUrl: null, offerUrl, offerExpires });
    const fields = { email: offer.patient.email, appointmentId: offer.appointment.id, sendAt: now, now };
    return { messages: [message('waitlist_offer', record, content, fields)], drops: [] };
  }

  return {
    /** The messages one audit record makes, and the reminders it ends. */
    of: (record: AuditRecord, templates: Record<MessageKind, TemplateSource>, now: Date): Promise<Made> =>
      record.action === 'waitlist.offer' ? ofOffer(record, templates, now) : ofAppointment(record, templates, now),
  };
}
