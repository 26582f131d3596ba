import { Router } from 'express';
import type { patientsController } from '../controllers/patients.js';

export function patientsRouter(controller: ReturnType<typeof patientsController>) {
  return Router()
    .post('/', controller.create)
    .get('/', controller.list)
    .get('/search', controller.list)
    .get('/:id', controller.get)
    .put('/:id', controller.update)
    .patch('/:id', controller.update)
    .get('/:id/appointments', controller.appointments);
}
