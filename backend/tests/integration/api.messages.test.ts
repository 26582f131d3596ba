import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageService } from '../../src/services/messages.js';
import { openPgliteStore, type OpenedStore } from '../helpers/engines.js';
import { at, futureDate } from '../helpers/factories.js';
import { apiClient, signInAs, testApp } from '../helpers/http.js';
import { smtpReceiver } from '../helpers/smtp.js';

const HOUR = 60 * 60_000;
type Listed = { id: string; kind: string; status: string; recipient: string | null; sendAt: string; lastError: string | null };

describe('Messages to patients (PGlite, a real SMTP server)', () => {
  let opened: OpenedStore;
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  const day = futureDate(5);
  // The worker's and the API's clock: reminders come due by moving it, not by sleeping.
  let now = new Date(at(day, '00:00'));
  const clock = () => now;
  let app: ReturnType<typeof testApp>;
  let api: ReturnType<typeof apiClient>;
  const worker = () => app.locals.messages as MessageService;
  const messagesOf = async (appointmentId: string): Promise<Listed[]> =>
    (await api.http.get(`/api/messages?appointmentId=${appointmentId}&limit=50`)).body.data;
  const book = async (doctorId: string, patientId: string, time: string) => {
    const booked = await api.http.post('/api/appointments').send({ doctorId, patientId, start: at(day, time) });
    expect(booked.status).toBe(201);
    return booked.body.data as { id: string; start: string };
  };

  beforeAll(async () => {
    opened = await openPgliteStore();
    smtp = await smtpReceiver();
    app = testApp(opened.store, { clock, config: { smtpUrl: smtp.url, mailFrom: 'desk@clinic.example', reminderHours: [24, 2] } });
    api = apiClient(app);
    const sites = (await api.http.get('/api/sites')).body.data as Array<{ id: string; isDefault: boolean }>;
    const main = sites.find((site) => site.isDefault)!;
    expect((await api.http.patch(`/api/sites/${main.id}`).send({ address: '1 High Street, Springfield' })).status).toBe(200);
  });
  afterAll(async () => {
    await smtp?.close();
    await opened?.cleanup();
  });

  it('emails the confirmation with an .ics invitation and the site address, and makes the reminders still ahead', async () => {
    const doctor = await api.doctor({ name: 'Dr. Grace Hopper' });
    const patient = await api.patient({ name: 'Ana Silva' });
    // Two days ahead: both reminders are still to come.
    now = new Date(Date.parse(at(day, '00:00')) - 48 * HOUR);
    const appointment = await book(doctor.id, patient.id, '10:00');
    await worker().tick();
    now = new Date(at(day, '00:00'));

    const [mail, ...others] = smtp.to(patient.email);
    expect(others).toHaveLength(0);
    expect(mail!.from!.text).toBe('desk@clinic.example');
    expect(mail!.subject).toContain('10:00');
    expect(mail!.text).toContain('Hello Ana,');
    expect(mail!.text).toContain('1 High Street, Springfield');
    expect(mail!.html).toContain('Dr. Grace Hopper');
    expect(mail!.text).toMatch(/http:\/\/localhost:\d+\/visit\/[\w-]+\.[\w-]+/);
    const ics = mail!.attachments.find((attachment) => attachment.filename === 'appointment.ics');
    expect(ics?.contentType).toBe('text/calendar');
    const calendar = ics!.content.toString('utf8');
    expect(calendar.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(calendar).toContain(`UID:${appointment.id}@clinic-appointments`);
    expect(calendar).toContain('LOCATION:Main site\\, 1 High Street\\, Springfield');

    const listed = await messagesOf(appointment.id);
    expect(listed.map((message) => [message.kind, message.status, message.recipient])).toEqual([
      ['confirmation', 'sent', patient.email],
      ['reminder', 'pending', patient.email],
      ['reminder', 'pending', patient.email],
    ]);
    const reminderTimes = listed.filter((message) => message.kind === 'reminder').map((message) => Date.parse(message.sendAt));
    expect(reminderTimes.sort()).toEqual([Date.parse(appointment.start) - 24 * HOUR, Date.parse(appointment.start) - 2 * HOUR]);
    const full = await api.http.get(`/api/messages/${listed[0]!.id}`);
    expect(full.status).toBe(200);
    expect(full.body.data).toMatchObject({ kind: 'confirmation', ics: expect.stringContaining('BEGIN:VCALENDAR') });
    expect(full.body.data.html).toContain('<strong>');
  });

  it('sends a reminder once when the clock passes its lead, and skips one already past at booking', async () => {
    const doctor = await api.doctor();
    const patient = await api.patient();
    // Booked at 00:00 for 11:00: the 24-hour reminder is already past, the 2-hour one is ahead.
    const appointment = await book(doctor.id, patient.id, '11:00');
    await worker().tick();
    expect((await messagesOf(appointment.id)).map((message) => message.kind).sort()).toEqual(['confirmation', 'reminder']);

    now = new Date(Date.parse(appointment.start) - 2 * HOUR + 60_000);
    await worker().tick();
    await worker().tick();
    const mails = smtp.to(patient.email);
    expect(mails.map((mail) => mail.subject!.split(':')[0])).toEqual([expect.stringMatching(/^Your appointment/), 'Reminder']);
    expect((await messagesOf(appointment.id)).every((message) => message.status === 'sent')).toBe(true);
    now = new Date(at(day, '00:00'));
  });

  it('moves the reminders with a reschedule and drops them with a cancel, with a notice each time', async () => {
    const doctor = await api.doctor();
    const patient = await api.patient();
    const appointment = await book(doctor.id, patient.id, '14:00');
    await worker().tick();
    const moved = await api.http.post(`/api/appointments/${appointment.id}/reschedule`).send({ start: at(day, '15:00') });
    expect(moved.status).toBe(200);
    await worker().tick();
    let listed = await messagesOf(appointment.id);
    const reminders = (status: string) =>
      listed.filter((message) => message.kind === 'reminder' && message.status === status).map((message) => Date.parse(message.sendAt));
    expect(reminders('dropped')).toEqual([Date.parse(at(day, '12:00'))]);
    expect(reminders('pending')).toEqual([Date.parse(at(day, '13:00'))]);
    expect(smtp.to(patient.email).map((mail) => mail.subject)).toEqual([
      expect.stringContaining('14:00'),
      expect.stringMatching(/has moved to .* 15:00/),
    ]);

    expect((await api.http.post(`/api/appointments/${appointment.id}/cancel`).send({})).status).toBe(200);
    await worker().tick();
    listed = await messagesOf(appointment.id);
    expect(reminders('pending')).toEqual([]);
    expect(reminders('dropped')).toHaveLength(2);
    now = new Date(at(day, '13:30'));
    await worker().tick();
    expect(smtp.to(patient.email).map((mail) => mail.subject)).toEqual([
      expect.stringContaining('14:00'),
      expect.stringContaining('15:00'),
      expect.stringMatching(/15:00 is cancelled/),
    ]);
    now = new Date(at(day, '00:00'));
  });

  it('makes no message for a booking that was refused and rolled back', async () => {
    const doctor = await api.doctor();
    const [ana, ben] = [await api.patient(), await api.patient()];
    await book(doctor.id, ana.id, '09:00');
    const before = (await api.http.get('/api/messages')).body.meta.total as number;
    const refused = await api.http.post('/api/appointments').send({ doctorId: doctor.id, patientId: ben.id, start: at(day, '09:00') });
    expect(refused.status).toBe(409);
    await worker().tick();
    const after = await api.http.get('/api/messages?limit=500');
    // Ana's confirmation and one reminder (the 24-hour one was past): nothing at all for Ben.
    expect(after.body.meta.total).toBe(before + 2);
    expect(after.body.data.filter((message: Listed) => message.recipient === ben.email)).toEqual([]);
    expect(smtp.to(ben.email)).toEqual([]);
  });

  it('retries a mail the server refuses, with backoff, until it is taken', async () => {
    const doctor = await api.doctor();
    const patient = await api.patient();
    smtp.refusals.push(451);
    const appointment = await book(doctor.id, patient.id, '16:00');
    await worker().tick();
    let [confirmation] = (await messagesOf(appointment.id)).filter((message) => message.kind === 'confirmation');
    expect(confirmation).toMatchObject({ status: 'pending', lastError: expect.stringContaining('451') });
    await worker().tick();
    expect(smtp.to(patient.email)).toHaveLength(0);
    now = new Date(now.getTime() + 31_000);
    await worker().tick();
    [confirmation] = (await messagesOf(appointment.id)).filter((message) => message.kind === 'confirmation');
    expect(confirmation).toMatchObject({ status: 'sent', lastError: null });
    expect(smtp.to(patient.email)).toHaveLength(1);
    now = new Date(at(day, '00:00'));
  });

  it('records a message for a patient without email as unsent, with the reason', async () => {
    const doctor = await api.doctor();
    const patient = await api.patient({ email: null });
    const appointment = await book(doctor.id, patient.id, '12:00');
    await worker().tick();
    const [confirmation] = await messagesOf(appointment.id);
    expect(confirmation).toMatchObject({
      kind: 'confirmation',
      recipient: null,
      status: 'unsent',
      lastError: 'the patient has no email address',
    });
  });

  it('changes the next mail after an admin edits a template, refuses one Mustache cannot read, and goes back to the default', async () => {
    const templates = await api.http.get('/api/message-templates');
    expect(templates.status).toBe(200);
    expect(templates.body.data.map((template: { kind: string }) => template.kind)).toEqual([
      'confirmation',
      'reminder',
      'rescheduled',
      'cancelled',
      'waitlist_offer',
    ]);
    expect(templates.body.data.every((template: { isDefault: boolean }) => template.isDefault)).toBe(true);

    const broken = await api.http.put('/api/message-templates/confirmation').send({ subject: 'Hi {{#patientName}}', text: 'x', html: 'x' });
    expect(broken.status).toBe(422);
    expect(broken.body.error).toMatchObject({ code: 'INVALID_TEMPLATE', details: [expect.objectContaining({ path: 'subject' })] });
    expect((await api.http.put('/api/message-templates/nonsense').send({ subject: 'a', text: 'b', html: 'c' })).status).toBe(400);
    expect((await api.http.put('/api/message-templates/reminder').send({ subject: 'a', text: 'b' })).status).toBe(400);
    const desk = await signInAs(app, opened.store, 'staff');
    expect((await desk.http.put('/api/message-templates/confirmation').send({ subject: 'a', text: 'b', html: 'c' })).status).toBe(403);
    expect((await desk.http.get('/api/messages')).status).toBe(200);

    const saved = await api.http
      .put('/api/message-templates/confirmation')
      .send({ subject: 'See you, {{patientName}}', text: 'Bring your card, {{patientName}}.', html: '<p>{{siteName}}</p>' });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ kind: 'confirmation', isDefault: false });
    const doctor = await api.doctor();
    const patient = await api.patient({ name: 'Zoë <b>Bold</b> Dias' });
    await book(doctor.id, patient.id, '13:00');
    await worker().tick();
    const [mail] = smtp.to(patient.email);
    expect(mail!.subject).toBe('See you, Zoë');
    expect(mail!.text!.trim()).toBe('Bring your card, Zoë.');

    const reset = await api.http.delete('/api/message-templates/confirmation');
    expect(reset.body.data).toMatchObject({ isDefault: true, subject: expect.stringContaining('Your appointment') });
  });

  it('escapes patient data in the HTML body', async () => {
    const doctor = await api.doctor({ name: 'Dr. <script>x</script>' });
    const patient = await api.patient();
    await book(doctor.id, patient.id, '15:30');
    await worker().tick();
    const [mail] = smtp.to(patient.email);
    expect(mail!.html).toContain('Dr. &lt;script&gt;x&lt;&#x2F;script&gt;');
    expect(mail!.html).not.toContain('<script>');
  });

  it('without SMTP_URL sends nothing and keeps every message readable as unsent', async () => {
    const quiet = testApp(opened.store, { clock });
    const quietApi = apiClient(quiet);
    const doctor = await quietApi.doctor();
    const patient = await quietApi.patient();
    const booked = await quietApi.http
      .post('/api/appointments')
      .send({ doctorId: doctor.id, patientId: patient.id, start: at(day, '16:30') });
    await (quiet.locals.messages as MessageService).tick();
    const list = await quietApi.http.get(`/api/messages?appointmentId=${booked.body.data.id}`);
    expect(list.body.meta.smtpConfigured).toBe(false);
    const confirmation = list.body.data.find((message: Listed) => message.kind === 'confirmation');
    expect(confirmation).toMatchObject({ status: 'unsent', lastError: 'SMTP_URL is not set', recipient: patient.email });
    expect((await quietApi.http.get(`/api/messages/${confirmation.id}`)).body.data.text).toContain('Hello Patient');
    expect(smtp.to(patient.email)).toEqual([]);
    expect((await quietApi.http.get('/api/messages?status=lost')).status).toBe(400);
    expect((await quietApi.http.get('/api/messages/not-an-id')).status).toBe(400);
  });
});
