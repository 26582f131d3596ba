import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../config/logger.js';
import type { Metrics } from '../runtime/metrics.js';

/**
 * Notes where a router is mounted: once an error leaves that router, Express has already reset
 * req.baseUrl, and the metric would be labelled with the bare route path.
 */
export function rememberMountPath(req: Request, res: Response, next: NextFunction) {
  res.locals.mountPath = req.baseUrl;
  next();
}

function routeOf(req: Request, res: Response): string {
  if (!req.route?.path) return 'unmatched';
  const base = (res.locals.mountPath as string | undefined) ?? req.baseUrl;
  return `${base}${String(req.route.path)}`.replace(/(.)\/$/, '$1');
}

/** One log line and one histogram sample per request; paths and ids only, never bodies. */
export function requestLog(logger: Logger, metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req, res);
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
