import { Router } from 'express';
import type { offersController, waitlistController } from '../controllers/waitlist.js';

export function waitlistRouter(waitlist: ReturnType<typeof waitlistController>) {
  return Router().post('/', waitlist.create).get('/', waitlist.list).delete('/:id', waitlist.remove);
}

export function offersRouter(offers: ReturnType<typeof offersController>) {
  return Router().get('/:token', offers.view).post('/:token/accept', offers.accept).post('/:token/decline', offers.decline);
}
