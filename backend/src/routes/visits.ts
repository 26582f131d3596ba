import { Router } from 'express';
import type { visitsController } from '../controllers/visits.js';

/** The pages a patient's link opens: public, the signed token is the credential. */
export function visitsRouter(visits: ReturnType<typeof visitsController>) {
  return Router().get('/:token', visits.view).post('/:token/confirm', visits.confirm).post('/:token/cancel', visits.cancel);
}

/** The desk's side: an appointment's patient links, to read out or text to a patient. */
export function appointmentLinksRouter(visits: ReturnType<typeof visitsController>) {
  return Router().get('/:id/patient-links', visits.links);
}
