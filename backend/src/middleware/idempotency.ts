import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../config/logger.js';
import { AppError, BusinessRuleError, ConflictError, ValidationError } from '../errors.js';
import type { AuditTrail } from '../services/audit.js';
import type { Store } from '../store/store.js';

const KEY = /^[\x21-\x7e]{1,255}$/;
// A claim older than this belongs to a request whose process died; a retry may take it over.
const STALE_AFTER_MS = 60_000;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const fingerprint = (req: Request) =>
  createHash('sha256')
    .update(`${req.method} ${req.baseUrl}${req.path}\n${canonical(req.body)}`)
    .digest('hex');

/**
 * Makes a POST safe to retry with an Idempotency-Key: the first response is replayed, a different
 * body under the same key is refused, and a retry racing the first attempt is told to wait.
 * Successful writes store their response inside the store's own transaction (see the controller);
 * responses that wrote nothing (4xx) are stored here; a 5xx frees the key so a retry runs again.
 */
export function idempotency(store: Store, logger: Logger, audit: AuditTrail) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const key = req.get('Idempotency-Key');
    if (key === undefined) return next();
    if (!KEY.test(key)) {
      throw new ValidationError('Invalid Idempotency-Key header', [
        { path: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' },
      ]);
    }
    const hash = fingerprint(req);
    const claim = await store.idempotency.begin(key, hash, STALE_AFTER_MS);
    if (claim.state !== 'started' && claim.requestHash !== hash) {
      throw new BusinessRuleError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request');
    }
    if (claim.state === 'in-progress') {
      throw new ConflictError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry shortly');
    }
    if (claim.state === 'completed') {
      // A replayed success shows the appointment, with its patient's name, again: a read like any other.
      if (claim.response.status < 300) {
        const resourceId = (claim.response.body as { data?: { id?: unknown } } | null)?.data?.id;
        await audit.record({
          action: 'appointment.read',
          resourceType: 'appointment',
          resourceId: typeof resourceId === 'string' ? resourceId : null,
          outcome: 'success',
        });
      }
      res.setHeader('Idempotent-Replayed', 'true');
      res.status(claim.response.status).json(claim.response.body);
      return;
    }
    res.locals.idempotencyKey = key;
    const send = res.json.bind(res);
    res.json = (body: unknown) => {
      const settle =
        res.statusCode >= 500 ? store.idempotency.release(key) : store.idempotency.complete(key, { status: res.statusCode, body });
      settle
        .catch((error: unknown) =>
          logger.warn('could not record idempotent response', {
            idempotencyKey: key,
            error: error instanceof AppError ? error.code : String(error),
          }),
        )
        .finally(() => send(body));
      return res;
    };
    next();
  };
}
