import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { envelope, idParams, z } from '../schemas/common.js';
import { calendarQuery } from '../schemas/doctors.js';
import { asQuery, ERRORS, errorResponses, ok, requestHeaders } from './responses.js';

export function calendarRoutes(): RouteConfig[] {
  return [
    {
      method: 'get',
      path: '/api/doctors/{id}/calendar.ics',
      tags: ['Doctors'],
      summary: "The doctor's calendar feed (RFC 5545) for calendar apps; the key in calendarUrl is its credential",
      description:
        'Appointments that hold time from 7 days back to 90 days ahead, in the clinic time zone (with its VTIMEZONE). ' +
        'Each keeps its UID; SEQUENCE grows with every move. Patients appear as first name and initial only. ' +
        'An unknown doctor, a wrong key or a rotated one answers 404.',
      request: { params: idParams, query: asQuery(calendarQuery) },
      responses: {
        200: { description: 'The calendar', content: { 'text/calendar': { schema: z.string() } } },
        ...errorResponses([ERRORS.validation, ERRORS.notFound]),
      },
    },
    {
      method: 'post',
      path: '/api/doctors/{id}/calendar-key',
      tags: ['Doctors'],
      summary: "Rotate the doctor's calendar key: the old feed URL answers 404 at once",
      request: { params: idParams, headers: requestHeaders },
      responses: {
        ...ok(200, 'The new feed URL', envelope(z.object({ calendarUrl: z.string() }))),
        ...errorResponses([ERRORS.validation, ERRORS.notFound]),
      },
    },
  ];
}
