import { Router } from 'express';
import type { doctorsController } from '../controllers/doctors.js';
import type { rotaController } from '../controllers/rota.js';
import type { timeOffController } from '../controllers/time-off.js';
import type { visitTypesController } from '../controllers/visit-types.js';

export function doctorsRouter(
  controller: ReturnType<typeof doctorsController>,
  timeOff: ReturnType<typeof timeOffController>,
  rota: ReturnType<typeof rotaController>,
  visitTypes: ReturnType<typeof visitTypesController>,
) {
  return Router()
    .post('/', controller.create)
    .get('/', controller.list)
    .get('/search', controller.list)
    .get('/:id', controller.get)
    .put('/:id', controller.update)
    .patch('/:id', controller.update)
    .get('/:id/calendar.ics', controller.calendar)
    .post('/:id/calendar-key', controller.rotateCalendarKey)
    .get('/:id/schedule', rota.get)
    .put('/:id/schedule', rota.put)
    .post('/:id/time-off', timeOff.create)
    .get('/:id/time-off', timeOff.list)
    .post('/:id/visit-types', visitTypes.create)
    .get('/:id/visit-types', visitTypes.list);
}

export function visitTypesRouter(visitTypes: ReturnType<typeof visitTypesController>) {
  return Router().patch('/:id', visitTypes.update).delete('/:id', visitTypes.remove);
}

export function timeOffRouter(timeOff: ReturnType<typeof timeOffController>) {
  return Router().delete('/:id', timeOff.remove);
}
