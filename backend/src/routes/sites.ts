import { Router } from 'express';
import type { sitesController } from '../controllers/sites.js';

export function sitesRouter(sites: ReturnType<typeof sitesController>) {
  return Router().get('/', sites.list).post('/', sites.create).patch('/:id', sites.update);
}
