import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { envelope, idParams, z } from '../schemas/common.js';
import { createVisitTypeBody, updateVisitTypeBody, visitTypeSchema } from '../schemas/visit-types.js';
import { ERRORS, errorResponses, jsonBody, ok, requestHeaders, WRITE_ERRORS } from './responses.js';

/** Visit types: what a doctor offers, its length, and the buffer the doctor keeps after it. */
export function visitTypeRoutes(): RouteConfig[] {
  return [
    {
      method: 'post',
      path: '/api/doctors/{id}/visit-types',
      tags: ['Doctors'],
      summary: 'Add a visit type: a length and a buffer after it that keeps the next booking away',
      request: { params: idParams, headers: requestHeaders, body: jsonBody(createVisitTypeBody) },
      responses: { ...ok(201, 'Added', envelope(visitTypeSchema)), ...errorResponses([...WRITE_ERRORS, ERRORS.notFound]) },
    },
    {
      method: 'get',
      path: '/api/doctors/{id}/visit-types',
      tags: ['Doctors'],
      summary: "A doctor's visit types by name, inactive ones included",
      request: { params: idParams, headers: requestHeaders },
      responses: {
        ...ok(200, 'The visit types', envelope(z.array(visitTypeSchema))),
        ...errorResponses([ERRORS.validation, ERRORS.notFound]),
      },
    },
    {
      method: 'patch',
      path: '/api/visit-types/{id}',
      tags: ['Doctors'],
      summary: 'Change a visit type; appointments already booked keep their length and buffer',
      request: { params: idParams, headers: requestHeaders, body: jsonBody(updateVisitTypeBody) },
      responses: { ...ok(200, 'Changed', envelope(visitTypeSchema)), ...errorResponses([...WRITE_ERRORS, ERRORS.notFound]) },
    },
    {
      method: 'delete',
      path: '/api/visit-types/{id}',
      tags: ['Doctors'],
      summary: 'Remove a visit type',
      description: 'A type that appointments name is kept, inactive, so they still say what they were; it is no longer offered.',
      request: { params: idParams, headers: requestHeaders },
      responses: { 204: { description: 'Removed, or made inactive' }, ...errorResponses([ERRORS.validation, ERRORS.notFound]) },
    },
  ];
}
