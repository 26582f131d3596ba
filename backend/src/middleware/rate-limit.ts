import type { NextFunction, Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Actor } from '../config/context.js';
import { AppError } from '../errors.js';

/** Per-client-address limit over a one-minute window; 0 turns it off (benchmarks). */
export function rateLimiter(perMinute: number) {
  if (perMinute === 0) return (_req: Request, _res: Response, next: NextFunction) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // X-Forwarded-For from an untrusted sender is ignored on purpose (TRUSTED_PROXIES), not a misconfiguration.
    validate: { xForwardedForHeader: false },
    handler: (_req, _res, next) => next(new AppError('RATE_LIMITED', 429, 'Too many requests; slow down and retry shortly')),
  });
}

/**
 * Patient reads per signed-in caller (account or token) per minute: one stolen credential cannot
 * page through the whole register quickly. Writes and other routes are not counted.
 */
export function patientReadLimiter(perMinute: number) {
  if (perMinute === 0) return (_req: Request, _res: Response, next: NextFunction) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => req.method !== 'GET',
    keyGenerator: (_req, res) => {
      const actor = res.locals.actor as Actor;
      return `${actor.kind}:${actor.id ?? 'anonymous'}`;
    },
    handler: (_req, _res, next) => next(new AppError('RATE_LIMITED', 429, 'Too many patient reads; slow down and retry shortly')),
  });
}
