import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, fakeApi, ok, type FakeRequest } from '../../test/fake-api';
import { clinicConfig, emptyLists, meAs, renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

const summary = {
  id: 'm1',
  kind: 'confirmation',
  appointmentId: 'a1',
  recipient: 'ana@example.org',
  subject: 'Your appointment on Monday 3 June 2030 at 10:00',
  status: 'unsent',
  attempts: 1,
  lastError: 'SMTP_URL is not set',
  sendAt: '2030-06-01T09:00:00.000Z',
  createdAt: '2030-06-01T09:00:00.000Z',
  sentAt: null,
};
const message = { ...summary, text: 'Hello Ana,\n\nYour appointment is booked.', html: '<p>Hello <b>Ana</b></p>', ics: 'BEGIN:VCALENDAR' };
const template = (kind: string) => ({
  kind,
  subject: `Subject of ${kind}`,
  text: 'Hello {{patientName}}',
  html: '<p>Hello {{patientName}}</p>',
  isDefault: true,
  updatedAt: null,
  variables: ['patientName', 'date'],
});
const templates = ['confirmation', 'reminder', 'rescheduled', 'cancelled', 'waitlist_offer'].map(template);

function routes(role: 'admin' | 'staff', sent: FakeRequest[] = []) {
  return {
    ...emptyLists,
    'GET /api/config': () => ok(clinicConfig),
    'GET /api/auth/me': () => ok(meAs(role)),
    'GET /api/messages': () => ok([summary], { total: 1, limit: 50, offset: 0, smtpConfigured: false }),
    'GET /api/messages/m1': () => ok(message),
    'GET /api/message-templates': () => ok(templates),
    'PUT /api/message-templates/confirmation': (request: FakeRequest) => {
      sent.push(request);
      if ((request.body as { subject: string }).subject.includes('{{#')) {
        return { ...fail(422, 'INVALID_TEMPLATE', 'The template is not valid Mustache'), status: 422 };
      }
      return ok({ ...template('confirmation'), ...(request.body as object), isDefault: false, updatedAt: '2030-06-01T10:00:00.000Z' });
    },
  };
}

describe('the messages page', () => {
  it('lists what would have gone out, says email is not set up, and opens a message as text and sandboxed HTML', async () => {
    fakeApi(routes('staff'));
    renderApp('/messages');
    expect(await screen.findByText('Email is not set up (SMTP_URL)')).toBeInTheDocument();
    const row = (await screen.findAllByRole('row'))[1]!;
    expect(row).toHaveTextContent('Confirmation');
    expect(row).toHaveTextContent('ana@example.org');
    expect(row).toHaveTextContent('unsent: SMTP_URL is not set');

    const user = userEvent.setup();
    await user.click(within(row).getByRole('button', { name: summary.subject }));
    const view = await screen.findByRole('article', { name: `Message: ${summary.subject}` });
    expect(within(view).getByText(/Your appointment is booked\./)).toBeInTheDocument();
    await user.click(within(view).getByRole('button', { name: 'Show HTML' }));
    const frame = within(view).getByTitle('HTML body');
    expect(frame).toHaveAttribute('sandbox', '');
    expect(frame).toHaveAttribute('srcdoc', message.html);
    // Staff read messages; only admins reword them.
    expect(screen.queryByRole('heading', { name: 'Templates' })).not.toBeInTheDocument();
  });

  it('lets an admin edit a template and shows why one is refused', async () => {
    const sent: FakeRequest[] = [];
    fakeApi(routes('admin', sent));
    renderApp('/messages');
    const form = await screen.findByRole('form', { name: 'Confirmation template' });
    const user = userEvent.setup();
    const subject = within(form).getByLabelText('Subject');
    await user.clear(subject);
    await user.type(subject, 'Hi {{{{#patientName}');
    await user.click(within(form).getByRole('button', { name: 'Save template' }));
    expect(await within(form).findByText('The template was not saved.')).toBeInTheDocument();

    await user.clear(subject);
    await user.type(subject, 'See you soon');
    await user.click(within(form).getByRole('button', { name: 'Save template' }));
    expect(await screen.findByText(/Saved: the next confirmation uses it/)).toBeInTheDocument();
    expect(sent.at(-1)!.body).toEqual({ subject: 'See you soon', text: 'Hello {{patientName}}', html: '<p>Hello {{patientName}}</p>' });
  });
});
