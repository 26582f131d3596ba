import type { Request, Response } from 'express';
import { ValidationError } from '../errors.js';
import {
  availabilityQuery,
  bookAppointmentBody,
  cancelAppointmentBody,
  listAppointmentsQuery,
  rescheduleAppointmentBody,
  statusStepBody,
} from '../schemas/appointments.js';
import { idParams } from '../schemas/common.js';
import type { AppointmentService } from '../services/appointments.js';
import type { FrontDeskStep } from '../services/front-desk.js';
import { parseInstant } from '../services/clinic-time.js';
import type { AppointmentView, IdempotencyCompletion } from '../store/store.js';
import { parse } from './parse.js';
import { ok, okPage, presentAppointment, presentAvailability } from './present.js';

/** The response a replay of this request must get, built from the very row the store writes. */
function idempotencyFor(res: Response, status: number, timezone: string): IdempotencyCompletion | undefined {
  const key = res.locals.idempotencyKey as string | undefined;
  if (!key) return undefined;
  return { key, render: (view: AppointmentView) => ({ status, body: ok(presentAppointment(view, timezone)) }) };
}

export function appointmentsController(appointments: AppointmentService, timezone: string) {
  const instant = (text: string | undefined, path: string) => {
    if (text === undefined) return undefined;
    const value = parseInstant(text, timezone);
    if (!value) throw new ValidationError('Invalid request body', [{ path, message: 'must be an ISO 8601 date-time' }]);
    return value;
  };

  return {
    book: async (req: Request, res: Response) => {
      const body = parse(bookAppointmentBody, req.body, 'body');
      const view = await appointments.book(
        {
          doctorId: body.doctorId,
          patientId: body.patientId,
          start: instant(body.start, 'start')!,
          end: instant(body.end, 'end'),
          reason: body.reason,
          visitTypeId: body.visitTypeId,
        },
        idempotencyFor(res, 201, timezone),
      );
      res.status(201).json(ok(presentAppointment(view, timezone)));
    },
    reschedule: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const body = parse(rescheduleAppointmentBody, req.body, 'body');
      const view = await appointments.reschedule(
        id,
        { start: instant(body.start, 'start')!, end: instant(body.end, 'end'), doctorId: body.doctorId },
        idempotencyFor(res, 200, timezone),
      );
      res.json(ok(presentAppointment(view, timezone)));
    },
    cancel: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const body = parse(cancelAppointmentBody, req.body, 'body');
      const view = await appointments.cancel(id, body.reason ?? null, idempotencyFor(res, 200, timezone));
      res.json(ok(presentAppointment(view, timezone)));
    },
    step: (step: FrontDeskStep) => async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      parse(statusStepBody, req.body, 'body');
      res.json(ok(presentAppointment(await appointments.step(id, step, idempotencyFor(res, 200, timezone)), timezone)));
    },
    get: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      res.json(ok(presentAppointment(await appointments.get(id), timezone)));
    },
    list: async (req: Request, res: Response) => {
      const { status, ...query } = parse(listAppointmentsQuery, req.query, 'query');
      const page = await appointments.list({
        ...query,
        ...(status ? { statuses: [status] } : {}),
        from: instant(query.from, 'from'),
        to: instant(query.to, 'to'),
      });
      res.json(okPage(page, query, (a) => presentAppointment(a, timezone)));
    },
    availability: async (req: Request, res: Response) => {
      const query = parse(availabilityQuery, req.query, 'query');
      res.json(ok(presentAvailability(await appointments.availability(query))));
    },
  };
}
