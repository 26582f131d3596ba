import { Router } from 'express';
import type { webhooksController } from '../controllers/webhooks.js';

export function webhooksRouter(webhooks: ReturnType<typeof webhooksController>) {
  return Router()
    .post('/', webhooks.create)
    .get('/', webhooks.list)
    .delete('/:id', webhooks.remove)
    .get('/:id/deliveries', webhooks.deliveries);
}
