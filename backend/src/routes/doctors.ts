import { Router } from 'express';
import type { doctorsController } from '../controllers/doctors.js';
import type { timeOffController } from '../controllers/time-off.js';

export function doctorsRouter(controller: ReturnType<typeof doctorsController>, timeOff: ReturnType<typeof timeOffController>) {
  return Router()
    .post('/', controller.create)
    .get('/', controller.list)
    .get('/search', controller.list)
    .get('/:id', controller.get)
    .put('/:id', controller.update)
    .patch('/:id', controller.update)
    .get('/:id/calendar.ics', controller.calendar)
    .post('/:id/calendar-key', controller.rotateCalendarKey)
    .post('/:id/time-off', timeOff.create)
    .get('/:id/time-off', timeOff.list);
}

export function timeOffRouter(timeOff: ReturnType<typeof timeOffController>) {
  return Router().delete('/:id', timeOff.remove);
}
