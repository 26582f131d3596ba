import type { NextFunction, Request, Response } from 'express';
import { v4 as uuidv4 } from 'uuid';
import { runWithContext } from '../config/context.js';

const SANE = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's X-Correlation-ID when it is safe to echo and log, else makes one. */
export function correlationId(req: Request, res: Response, next: NextFunction) {
  const incoming = req.get('X-Correlation-ID');
  const id = incoming && SANE.test(incoming) ? incoming : uuidv4();
  res.locals.correlationId = id;
  res.setHeader('X-Correlation-ID', id);
  runWithContext({ correlationId: id, clientAddress: req.ip ?? null }, next);
}
