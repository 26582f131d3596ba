import { Router, type RequestHandler } from 'express';
import type { appointmentsController } from '../controllers/appointments.js';

export function appointmentsRouter(
  controller: ReturnType<typeof appointmentsController>,
  middleware: { idempotency: RequestHandler; bookingOutcome: RequestHandler },
) {
  return Router()
    .post('/', middleware.bookingOutcome, middleware.idempotency, controller.book)
    .get('/', controller.list)
    .get('/:id', controller.get)
    .post('/:id/reschedule', middleware.idempotency, controller.reschedule)
    .post('/:id/cancel', middleware.idempotency, controller.cancel)
    .post('/:id/check-in', middleware.idempotency, controller.step('check-in'))
    .post('/:id/complete', middleware.idempotency, controller.step('complete'))
    .post('/:id/no-show', middleware.idempotency, controller.step('no-show'));
}

export function availabilityRouter(controller: ReturnType<typeof appointmentsController>) {
  return Router().get('/', controller.availability);
}
