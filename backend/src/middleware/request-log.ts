import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../config/logger.js';
import type { Metrics } from '../metrics.js';

const routeOf = (req: Request) => (req.route?.path ? `${req.baseUrl}${String(req.route.path)}`.replace(/(.)\/$/, '$1') : 'unmatched');

/** One log line and one histogram sample per request; paths and ids only, never bodies. */
export function requestLog(logger: Logger, metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'http';
      // winston formats every entry before its transports drop it by level; skip that work up front.
      if (!logger.isLevelEnabled(level)) return;
      logger.log(level, 'request completed', {
        correlationId: res.locals.correlationId,
        method: req.method,
        path: req.originalUrl.split('?')[0],
        route,
        status: res.statusCode,
        durationMs: Math.round(seconds * 1000 * 10) / 10,
        ...(res.locals.errorCode ? { errorCode: res.locals.errorCode } : {}),
      });
    });
    next();
  };
}

/** Counts booking attempts by how they ended: booked, each conflict code, rejected, or failed. */
export function bookingOutcome(metrics: Metrics) {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.on('finish', () => {
      const code = res.locals.errorCode as string | undefined;
      const outcome = res.statusCode === 201 ? 'booked' : res.statusCode >= 500 ? 'error' : (code?.toLowerCase() ?? 'rejected');
      metrics.bookingAttempts.inc({ outcome });
    });
    next();
  };
}
