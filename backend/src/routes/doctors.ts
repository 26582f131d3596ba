import { Router } from 'express';
import type { doctorsController } from '../controllers/doctors.js';

export function doctorsRouter(controller: ReturnType<typeof doctorsController>) {
  return Router()
    .post('/', controller.create)
    .get('/', controller.list)
    .get('/search', controller.list)
    .get('/:id', controller.get)
    .put('/:id', controller.update)
    .patch('/:id', controller.update);
}
