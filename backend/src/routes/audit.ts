import { Router } from 'express';
import type { auditController } from '../controllers/audit.js';

export function auditRouter(controller: ReturnType<typeof auditController>) {
  return Router().get('/', controller.list).get('/verify', controller.verify);
}
