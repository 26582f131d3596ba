import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { envelope, idParams, z } from '../schemas/common.js';
import {
  messageSchema,
  messagesListSchema,
  listMessagesQuery,
  messageTemplateSchema,
  templateBody,
  templateKindParams,
} from '../schemas/messages.js';
import { asQuery, describePaging, ERRORS, errorResponses, jsonBody, ok, requestHeaders, WRITE_ERRORS } from './responses.js';

/** Emails to patients (confirmations, reminders, notices, waitlist offers) and the templates they are written from. */
export function messageRoutes(): RouteConfig[] {
  return [
    {
      method: 'get',
      path: '/api/messages',
      tags: ['Messages'],
      summary: 'Emails made for patients, newest first, with their status (sent, pending, unsent with the reason...)',
      description:
        'Bookings, moves, cancellations and waitlist offers make their emails from the audit chain; reminders go REMINDER_HOURS ' +
        'before the start. Without SMTP_URL nothing is sent: every message is kept here as unsent (meta.smtpConfigured is false).',
      request: { headers: requestHeaders, query: describePaging(asQuery(listMessagesQuery)) },
      responses: { ...ok(200, 'One page', messagesListSchema), ...errorResponses([ERRORS.validation]) },
    },
    {
      method: 'get',
      path: '/api/messages/{id}',
      tags: ['Messages'],
      summary: 'One message with its text and HTML bodies (and the .ics of a confirmation)',
      request: { params: idParams, headers: requestHeaders },
      responses: { ...ok(200, 'The message', envelope(messageSchema)), ...errorResponses([ERRORS.validation, ERRORS.notFound]) },
    },
    {
      method: 'get',
      path: '/api/message-templates',
      tags: ['Messages'],
      summary: 'Every kind of message with its current Mustache templates, and whether they are the defaults',
      request: { headers: requestHeaders },
      responses: { ...ok(200, 'The templates', envelope(z.array(messageTemplateSchema))), ...errorResponses([]) },
    },
    {
      method: 'put',
      path: '/api/message-templates/{kind}',
      tags: ['Messages'],
      summary: "Replace a kind's templates (admins); the next message of that kind uses them",
      request: { params: templateKindParams, headers: requestHeaders, body: jsonBody(templateBody) },
      responses: {
        ...ok(200, 'Saved', envelope(messageTemplateSchema)),
        ...errorResponses([...WRITE_ERRORS, ERRORS.invalidTemplate]),
      },
    },
    {
      method: 'delete',
      path: '/api/message-templates/{kind}',
      tags: ['Messages'],
      summary: 'Go back to the default templates for a kind (admins)',
      request: { params: templateKindParams, headers: requestHeaders },
      responses: { ...ok(200, 'The default, now in force', envelope(messageTemplateSchema)), ...errorResponses([ERRORS.validation]) },
    },
  ];
}
