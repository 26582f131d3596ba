import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { clinicConfigSchema } from '@clinic/contract/clinic';
import {
  appointmentSchema,
  availabilityQuery,
  availabilitySchema,
  bookAppointmentBody,
  cancelAppointmentBody,
  rescheduleAppointmentBody,
  listAppointmentsQuery,
  statusStepBody,
} from '../schemas/appointments.js';
import { envelope, idParams, listEnvelope, named, pagingQuery, z } from '../schemas/common.js';
import { eventsQuery } from '../schemas/events.js';
import {
  asQuery,
  describePaging,
  ERRORS,
  errorResponses,
  fixPatterns,
  idempotentHeaders,
  jsonBody,
  ok,
  replayedHeader,
  requestHeaders,
  WRITE_ERRORS,
  type ErrorCode,
} from './responses.js';
import { auditRoutes } from './audit.js';
import { calendarRoutes } from './calendar-routes.js';
import { timeOffRoutes } from './time-off-routes.js';
import { visitTypeRoutes } from './visit-type-routes.js';
import { siteRoutes } from './site-routes.js';
import { webhookRoutes } from './webhook-routes.js';
import { waitlistRoutes } from './waitlist-routes.js';
import { messageRoutes } from './message-routes.js';
import { visitRoutes } from './visit-routes.js';
import { ruleFor } from '../auth/policy.js';
import { accessRoutes, securitySchemes } from './access-routes.js';
import { createDoctorBody, doctorSchema, listDoctorsQuery, updateDoctorBody } from '../schemas/doctors.js';
import { createPatientBody, listPatientsQuery, patientSchema, updatePatientBody } from '../schemas/patients.js';

function resourceRoutes(
  base: '/api/doctors' | '/api/patients',
  tag: string,
  schemas: { item: z.ZodType; create: z.ZodType; update: z.ZodType; listQuery: z.ZodType },
  createErrors: ErrorCode[],
): RouteConfig[] {
  const query = describePaging(asQuery(schemas.listQuery));
  const one = ok(200, tag.slice(0, -1), envelope(schemas.item));
  const update = (method: 'put' | 'patch'): RouteConfig => ({
    method,
    path: `${base}/{id}`,
    tags: [tag],
    summary: `Change some fields (${method.toUpperCase()}; both are partial updates)`,
    request: { params: idParams, headers: requestHeaders, body: jsonBody(schemas.update) },
    responses: { ...one, ...errorResponses([...WRITE_ERRORS, ERRORS.notFound, ...createErrors]) },
  });
  return [
    {
      method: 'post',
      path: base,
      tags: [tag],
      summary: 'Create',
      request: { headers: requestHeaders, body: jsonBody(schemas.create) },
      responses: { ...ok(201, 'Created', envelope(schemas.item)), ...errorResponses([...WRITE_ERRORS, ...createErrors]) },
    },
    {
      method: 'get',
      path: base,
      tags: [tag],
      summary: 'List, filtered and paged',
      request: { headers: requestHeaders, query },
      responses: { ...ok(200, 'One page', listEnvelope(schemas.item)), ...errorResponses([ERRORS.validation]) },
    },
    {
      method: 'get',
      path: `${base}/search`,
      tags: [tag],
      summary: 'Search (the original API route; the same as ?q= on the list)',
      request: { headers: requestHeaders, query },
      responses: { ...ok(200, 'One page', listEnvelope(schemas.item)), ...errorResponses([ERRORS.validation]) },
    },
    {
      method: 'get',
      path: `${base}/{id}`,
      tags: [tag],
      summary: 'Get one',
      request: { params: idParams, headers: requestHeaders },
      responses: { ...one, ...errorResponses([ERRORS.validation, ERRORS.notFound]) },
    },
    update('put'),
    update('patch'),
  ];
}

const healthSchema = z
  .object({ status: z.literal('ok'), store: z.enum(['pglite', 'postgres', 'mongodb']), uptimeSeconds: z.number().int() })
  .openapi('Health');
const configSchema = named('ClinicConfig', clinicConfigSchema);

function systemRoutes(): RouteConfig[] {
  const health = (path: string): RouteConfig => ({
    method: 'get',
    path,
    tags: ['System'],
    summary: path === '/health' ? 'Liveness and store reachability' : 'The same health check under the API prefix',
    responses: { ...ok(200, 'The API and its store answer', healthSchema), ...errorResponses([]) },
  });
  return [
    health('/health'),
    health('/api/health'),
    {
      method: 'get',
      path: '/metrics',
      tags: ['System'],
      summary:
        'Prometheus metrics: request durations, booking outcomes, store query durations. With METRICS_TOKEN set, send it as a bearer token; without, only loopback clients are answered',
      responses: { 200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: z.string() } } } },
    },
    {
      method: 'get',
      path: '/api/config',
      tags: ['System'],
      summary: 'Clinic timezone and hours, the auth mode, and (demo clinic only) the demo sign-ins',
      responses: { ...ok(200, 'Clinic settings', envelope(configSchema)), ...errorResponses([]) },
    },
    {
      method: 'get',
      path: '/api/openapi.json',
      tags: ['System'],
      summary: 'This document',
      responses: {
        200: { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
      },
    },
  ];
}

function appointmentRoutes(): RouteConfig[] {
  const one = envelope(appointmentSchema);
  const frontDeskStep = (step: string, summary: string): RouteConfig[] => [
    {
      method: 'post',
      path: `/api/appointments/{id}/${step}`,
      tags: ['Appointments'],
      summary,
      request: { params: idParams, headers: idempotentHeaders, body: { ...jsonBody(statusStepBody), required: false } },
      responses: {
        ...ok(200, 'The appointment with its new status (or the replay of an earlier identical request)', one, replayedHeader),
        ...errorResponses([...WRITE_ERRORS, ERRORS.notFound, ERRORS.cancelled, ERRORS.transition, ERRORS.inProgress, ERRORS.reused]),
      },
    },
  ];
  return [
    {
      method: 'post',
      path: '/api/appointments',
      tags: ['Appointments'],
      summary: 'Book',
      description:
        'Times are ISO 8601; with an offset they are instants, without one they are wall times in the clinic timezone. ' +
        'The original API names startTime and endTime are accepted for start and end. Intervals are half-open [start, end).',
      request: { headers: idempotentHeaders, body: jsonBody(bookAppointmentBody) },
      responses: {
        ...ok(201, 'Booked (or the replay of an earlier identical request)', one, replayedHeader),
        ...errorResponses([
          ...WRITE_ERRORS,
          ERRORS.notFound,
          ERRORS.booking,
          ERRORS.held,
          ERRORS.patient,
          ERRORS.inProgress,
          ERRORS.past,
          ERRORS.hours,
          ERRORS.reused,
        ]),
      },
    },
    {
      method: 'get',
      path: '/api/appointments',
      tags: ['Appointments'],
      summary: 'List, filtered by doctor, patient, status, clinic-local date or [from, to), and paged',
      description: 'Waitlist holds (status HELD) are offers, not yet appointments: they are listed only when ?status=HELD asks for them.',
      request: { headers: requestHeaders, query: describePaging(asQuery(listAppointmentsQuery)) },
      responses: { ...ok(200, 'One page, earliest first', listEnvelope(appointmentSchema)), ...errorResponses([ERRORS.validation]) },
    },
    {
      method: 'get',
      path: '/api/appointments/{id}',
      tags: ['Appointments'],
      summary: 'Get one',
      request: { params: idParams, headers: requestHeaders },
      responses: { ...ok(200, 'Appointment', one), ...errorResponses([ERRORS.validation, ERRORS.notFound]) },
    },
    {
      method: 'post',
      path: '/api/appointments/{id}/reschedule',
      tags: ['Appointments'],
      summary: 'Move a booked appointment to another time (same id, same rules and overlap guarantee as booking)',
      request: { params: idParams, headers: idempotentHeaders, body: jsonBody(rescheduleAppointmentBody) },
      responses: {
        ...ok(200, 'Rescheduled (or the replay of an earlier identical request)', one, replayedHeader),
        ...errorResponses([
          ...WRITE_ERRORS,
          ERRORS.notFound,
          ERRORS.booking,
          ERRORS.patient,
          ERRORS.cancelled,
          ERRORS.transition,
          ERRORS.inProgress,
          ERRORS.past,
          ERRORS.hours,
          ERRORS.reused,
        ]),
      },
    },
    {
      method: 'post',
      path: '/api/appointments/{id}/cancel',
      tags: ['Appointments'],
      summary: 'Cancel (the appointment is kept with status CANCELLED and its interval is free at once)',
      request: { params: idParams, headers: idempotentHeaders, body: { ...jsonBody(cancelAppointmentBody), required: false } },
      responses: {
        ...ok(200, 'Cancelled (or the replay of an earlier identical request)', one, replayedHeader),
        ...errorResponses([...WRITE_ERRORS, ERRORS.notFound, ERRORS.cancelled, ERRORS.transition, ERRORS.inProgress, ERRORS.reused]),
      },
    },
    ...frontDeskStep('check-in', 'The patient has arrived: BOOKED to CHECKED_IN, stamped with the time and the caller'),
    ...frontDeskStep('complete', 'The visit is over: CHECKED_IN to COMPLETED; the time stays held'),
    ...frontDeskStep('no-show', 'The patient did not come: BOOKED to NO_SHOW; the interval is free again'),
    {
      method: 'get',
      path: '/api/patients/{id}/appointments',
      tags: ['Patients'],
      summary: "A patient's appointments, newest first",
      request: { params: idParams, headers: requestHeaders, query: describePaging(asQuery(pagingQuery)) },
      responses: { ...ok(200, 'One page', listEnvelope(appointmentSchema)), ...errorResponses([ERRORS.validation, ERRORS.notFound]) },
    },
    {
      method: 'get',
      path: '/api/availability',
      tags: ['Appointments'],
      summary: "A doctor's free slots on one clinic-local day (past slots and BOOKED overlaps removed)",
      request: { headers: requestHeaders, query: asQuery(availabilityQuery) },
      responses: { ...ok(200, 'Free slots', envelope(availabilitySchema)), ...errorResponses([ERRORS.validation, ERRORS.notFound]) },
    },
    {
      method: 'get',
      path: '/api/events',
      tags: ['Appointments'],
      summary: 'Live appointment changes as Server-Sent Events, resumable with Last-Event-ID',
      description:
        'Starts with `event: ready` (its `id` is where a reconnect resumes). Each change is `event: appointment` with ' +
        '`data: {type, appointment}`; `type` is appointment.booked, .cancelled, .rescheduled, .checked_in, .completed or ' +
        '.no_show, and `appointment` is the appointment as it is now. After a reconnect with `Last-Event-ID` the missed ' +
        'changes come first; `event: reset` means too many were missed: read the lists again. A doctor account hears ' +
        'only its own appointments. A comment line every 25 seconds keeps proxies from closing a quiet stream.',
      request: { headers: requestHeaders, query: asQuery(eventsQuery) },
      responses: {
        200: { description: 'The stream (text/event-stream); it stays open', content: { 'text/event-stream': { schema: z.string() } } },
        ...errorResponses([ERRORS.validation]),
      },
    },
  ];
}

/** Marks what the policy table closes: a session or a token, else 401; the wrong role, 403. */
function withAccess(route: RouteConfig): RouteConfig {
  if (!route.path.startsWith('/api/') || ruleFor(route.method.toUpperCase(), route.path.replace(/\{(\w+)\}/g, ':$1')) === 'public')
    return route;
  return {
    ...route,
    security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    responses: { ...route.responses, ...errorResponses([ERRORS.unauthenticated, ERRORS.forbidden]) },
  };
}

/** The whole API as OpenAPI 3.1, generated from the zod schemas the controllers validate with. */
export function buildOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  const routes = [
    ...systemRoutes(),
    ...resourceRoutes(
      '/api/doctors',
      'Doctors',
      { item: doctorSchema, create: createDoctorBody, update: updateDoctorBody, listQuery: listDoctorsQuery },
      [],
    ),
    ...resourceRoutes(
      '/api/patients',
      'Patients',
      { item: patientSchema, create: createPatientBody, update: updatePatientBody, listQuery: listPatientsQuery },
      [ERRORS.duplicate],
    ),
    ...appointmentRoutes(),
    ...timeOffRoutes(),
    ...visitTypeRoutes(),
    ...siteRoutes(),
    ...webhookRoutes(),
    ...waitlistRoutes(),
    ...messageRoutes(),
    ...calendarRoutes(),
    ...visitRoutes(),
    ...auditRoutes(),
    ...accessRoutes(),
  ];
  for (const [name, scheme] of Object.entries(securitySchemes)) registry.registerComponent('securitySchemes', name, scheme);
  for (const route of routes) registry.registerPath(withAccess(route));
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Clinic appointment booking API',
      version: '1.0.0',
      description:
        'Every success is { success: true, data } (lists add meta: { total, limit, offset }); every failure is the Error schema. ' +
        'Instants are UTC ISO 8601. Every resource carries its id twice, as id and _id. ' +
        'Every route but /health, /api/health, /api/config, /api/docs, /api/openapi.json and POST /api/auth/login needs ' +
        'Authorization: Bearer <token> or the session cookie from POST /api/auth/login. Patient lists answer at most 100 rows a page.',
    },
    servers: [{ url: '/' }],
  });
  fixPatterns(document);
  // errors.ts types the code as a union; the shared schema keeps it a string, so list them here.
  const errorBody = document.components?.schemas?.Error as { properties: { error: { properties: { code: { enum?: string[] } } } } };
  errorBody.properties.error.properties.code.enum = [...new Set(Object.values(ERRORS).map((entry) => entry.code))];
  return document;
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
