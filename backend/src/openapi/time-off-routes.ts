import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { envelope, idParams, z } from '../schemas/common.js';
import { putScheduleBody, rotaOnDateSchema, scheduleQuery } from '../schemas/doctors.js';
import { appointmentSchema } from '../schemas/appointments.js';
import { createdTimeOffSchema, createTimeOffBody, listTimeOffQuery, timeOffSchema } from '../schemas/time-off.js';
import { asQuery, ERRORS, errorResponses, jsonBody, ok, requestHeaders, WRITE_ERRORS } from './responses.js';

/** Time off and dated rotas: the doctor's hours beyond the base week. */
export function timeOffRoutes(): RouteConfig[] {
  return [
    {
      method: 'get',
      path: '/api/doctors/{id}/schedule',
      tags: ['Doctors'],
      summary: 'The weekly rota that applies on a clinic-local date',
      request: { params: idParams, headers: requestHeaders, query: asQuery(scheduleQuery) },
      responses: { ...ok(200, 'The rota', envelope(rotaOnDateSchema)), ...errorResponses([ERRORS.validation, ERRORS.notFound]) },
    },
    {
      method: 'put',
      path: '/api/doctors/{id}/schedule',
      tags: ['Doctors'],
      summary: 'Set a weekly rota from a date on; earlier dates keep the rota they had',
      description:
        'Replaces a rota that starts on the same date. The answer lists in `outsideHours` the appointments from that ' +
        'date on that the new hours no longer hold; they are kept, for the desk to move or cancel.',
      request: { params: idParams, headers: requestHeaders, body: jsonBody(putScheduleBody) },
      responses: {
        ...ok(
          200,
          'The rota, with the appointments outside its hours',
          envelope(rotaOnDateSchema.extend({ effectiveFrom: z.string(), outsideHours: z.array(appointmentSchema) })),
        ),
        ...errorResponses([...WRITE_ERRORS, ERRORS.notFound]),
      },
    },
    {
      method: 'post',
      path: '/api/doctors/{id}/time-off',
      tags: ['Doctors'],
      summary: 'Add time off (part of a day or several days); availability and booking leave it out',
      description:
        'Appointments that already hold time inside it are kept, not cancelled, and listed in `affected` for the desk ' +
        'to move or cancel. A booking racing the time off is either in `affected` or refused with 422.',
      request: { params: idParams, headers: requestHeaders, body: jsonBody(createTimeOffBody) },
      responses: {
        ...ok(201, 'Added, with the appointments inside it', envelope(createdTimeOffSchema)),
        ...errorResponses([...WRITE_ERRORS, ERRORS.notFound]),
      },
    },
    {
      method: 'get',
      path: '/api/doctors/{id}/time-off',
      tags: ['Doctors'],
      summary: "A doctor's time off, in start order",
      request: { params: idParams, headers: requestHeaders, query: asQuery(listTimeOffQuery) },
      responses: { ...ok(200, 'The time off', envelope(z.array(timeOffSchema))), ...errorResponses([ERRORS.validation, ERRORS.notFound]) },
    },
    {
      method: 'delete',
      path: '/api/time-off/{id}',
      tags: ['Doctors'],
      summary: 'Remove time off; its times are offered again',
      request: { params: idParams, headers: requestHeaders },
      responses: { 204: { description: 'Removed' }, ...errorResponses([ERRORS.validation, ERRORS.notFound]) },
    },
  ];
}
