import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { envelope, idParams, z } from '../schemas/common.js';
import { visitActionBody, visitSchema } from '../schemas/visits.js';
import { ERRORS, errorResponses, jsonBody, ok, requestHeaders, WRITE_ERRORS } from './responses.js';

const tokenParams = z.object({
  token: z.string().meta({ description: 'The signed, expiring token from the link in the patient’s confirmation' }),
});

const LINKS =
  'No sign-in: the token is the credential. A malformed, forged or expired token, or one made for another purpose, ' +
  'answers 404 LINK_INVALID, the same for all, and writes nothing. The answer names the patient by first name only ' +
  'and never carries contact details.';

/** The patient's own links (view, confirm attendance, cancel), opened from their confirmation. */
export function visitRoutes(): RouteConfig[] {
  const action = (verb: 'confirm' | 'cancel', summary: string, description: string, conflicts: (typeof ERRORS)[keyof typeof ERRORS][]) => ({
    method: 'post' as const,
    path: `/api/visit/{token}/${verb}`,
    tags: ['Patient links'],
    summary,
    description: `${description} ${LINKS}`,
    request: { params: tokenParams, headers: requestHeaders, body: jsonBody(visitActionBody) },
    responses: {
      ...ok(200, 'The visit as it is now', envelope(visitSchema)),
      ...errorResponses([...WRITE_ERRORS, ERRORS.linkInvalid, ...conflicts]),
    },
  });
  return [
    {
      method: 'get',
      path: '/api/appointments/{id}/patient-links',
      tags: ['Patient links'],
      summary: 'The patient’s view, confirm and cancel links for an appointment, to pass on by phone or text',
      description:
        'Each works until a day after the appointment ends, as the links in confirmation emails do. Read as the appointment is (audited).',
      request: { params: idParams, headers: requestHeaders },
      responses: {
        ...ok(
          200,
          'The links, on PUBLIC_URL',
          envelope(z.object({ view: z.string(), confirm: z.string(), cancel: z.string(), expiresAt: z.string() })),
        ),
        ...errorResponses([ERRORS.validation, ERRORS.notFound]),
      },
    },
    {
      method: 'get',
      path: '/api/visit/{token}',
      tags: ['Patient links'],
      summary: 'The appointment a view, confirm or cancel link names, for the patient’s page',
      description: LINKS,
      request: { params: tokenParams, headers: requestHeaders },
      responses: { ...ok(200, 'The visit', envelope(visitSchema)), ...errorResponses([ERRORS.linkInvalid]) },
    },
    action(
      'confirm',
      'The patient confirms they will come (a confirm link); a repeat keeps the first time',
      'Sets patientConfirmedAt once while the appointment is BOOKED.',
      [ERRORS.cancelled, ERRORS.transition],
    ),
    action(
      'cancel',
      'The patient cancels (a cancel link), until PATIENT_CANCEL_NOTICE_HOURS before the start',
      'Cancels as the desk would: the same audit record, live event and webhook. Inside the notice period it answers ' +
        '409 CANCEL_TOO_LATE; the patient calls the clinic instead.',
      [ERRORS.cancelled, ERRORS.transition, ERRORS.tooLate],
    ),
  ];
}
