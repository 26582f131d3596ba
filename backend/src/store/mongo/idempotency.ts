import { IDEMPOTENCY_TTL_MS, type IdempotencyRepository } from '../store.js';
import { mongoCall } from './errors.js';
import type { Models } from './models/index.js';

const DUPLICATE_KEY = 11000;

export function mongoIdempotency({ IdempotencyRecord }: Models): IdempotencyRepository {
  return {
    begin: (key, requestHash, staleAfterMs) =>
      mongoCall(async () => {
        const now = new Date();
        const claim = {
          requestHash,
          lockedAt: now,
          expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
          statusCode: null,
          responseBody: null,
        };
        try {
          await IdempotencyRecord.create({ _id: key, ...claim });
          return { state: 'started' } as const;
        } catch (error) {
          if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
        }
        // The TTL monitor runs once a minute, so an expired record may still be there: take it over.
        const staleBefore = new Date(now.getTime() - staleAfterMs);
        const taken = await IdempotencyRecord.findOneAndUpdate(
          { _id: key, $or: [{ expiresAt: { $lt: now } }, { statusCode: null, lockedAt: { $lt: staleBefore } }] },
          { $set: claim },
        ).lean();
        if (taken) return { state: 'started' } as const;
        const existing = await IdempotencyRecord.findById(key).lean();
        if (!existing || existing.statusCode === null)
          return { state: 'in-progress', requestHash: existing?.requestHash ?? requestHash } as const;
        return {
          state: 'completed',
          requestHash: existing.requestHash,
          response: { status: existing.statusCode, body: existing.responseBody },
        } as const;
      }),
    complete: (key, response) =>
      mongoCall(async () => {
        await IdempotencyRecord.updateOne(
          { _id: key, statusCode: null },
          { $set: { statusCode: response.status, responseBody: response.body } },
        );
      }),
    release: (key) =>
      mongoCall(async () => {
        await IdempotencyRecord.deleteOne({ _id: key, statusCode: null });
      }),
    purgeExpired: (now) =>
      mongoCall(async () => {
        const result = await IdempotencyRecord.deleteMany({ expiresAt: { $lt: now } });
        return result.deletedCount;
      }),
  };
}
