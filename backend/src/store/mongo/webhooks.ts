import type { Connection } from 'mongoose';
import type { DueDelivery, WebhookDelivery, WebhookEndpoint, WebhookRepository } from '../ports/webhooks.js';
import { mongoCall } from './errors.js';
import { isObjectIdHex, toObjectId } from './mapping.js';
import type { Models } from './models/index.js';
import type { WebhookDeliveryDoc, WebhookEndpointDoc } from './models/webhook.js';
import { runTransaction } from './retry.js';
import { BOOKING_RETRY_POLICY } from './booking-transaction.js';

const toEndpoint = (doc: WebhookEndpointDoc): WebhookEndpoint => ({
  id: doc._id.toHexString(),
  url: doc.url,
  events: [...doc.events],
  secret: doc.secret,
  createdAt: doc.createdAt,
});

const toDelivery = (doc: WebhookDeliveryDoc): WebhookDelivery => ({
  id: doc._id.toHexString(),
  endpointId: doc.endpointId.toHexString(),
  eventSeq: doc.eventSeq,
  eventType: doc.eventType,
  payload: doc.payload,
  status: doc.status,
  attempts: doc.attempts,
  nextAttemptAt: doc.nextAttemptAt,
  lastStatus: doc.lastStatus ?? null,
  lastError: doc.lastError ?? null,
  createdAt: doc.createdAt,
  deliveredAt: doc.deliveredAt ?? null,
});

const CURSOR = 'webhooks';

/** The cursor starts where the audit chain is on the first start, as the SQL migration does. */
export async function ensureOutboxCursor({ OutboxCursor, AuditHead }: Pick<Models, 'OutboxCursor' | 'AuditHead'>): Promise<void> {
  const head = await AuditHead.findOne().lean();
  await OutboxCursor.updateOne({ _id: CURSOR }, { $setOnInsert: { lastSeq: head?.seq ?? 0 } }, { upsert: true });
}

export function mongoWebhooks(connection: Connection, { WebhookEndpoint, WebhookDelivery, OutboxCursor }: Models): WebhookRepository {
  return {
    createEndpoint: (input) =>
      mongoCall(async () => toEndpoint((await WebhookEndpoint.create({ ...input, createdAt: new Date() })).toObject())),
    listEndpoints: () => mongoCall(async () => (await WebhookEndpoint.find().sort({ createdAt: 1, _id: 1 }).lean()).map(toEndpoint)),
    getEndpoint: (id) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const doc = await WebhookEndpoint.findById(id).lean();
        return doc ? toEndpoint(doc) : null;
      }),
    removeEndpoint: (id) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return false;
        const removed = await WebhookEndpoint.findByIdAndDelete(id).lean();
        if (removed) await WebhookDelivery.deleteMany({ endpointId: removed._id });
        return Boolean(removed);
      }),
    deliveries: (endpointId, { limit, offset }) =>
      mongoCall(async () => {
        if (!isObjectIdHex(endpointId)) return { items: [], total: 0 };
        const filter = { endpointId: toObjectId(endpointId) };
        const [docs, total] = await Promise.all([
          WebhookDelivery.find(filter).sort({ createdAt: -1, eventSeq: -1 }).skip(offset).limit(limit).lean(),
          WebhookDelivery.countDocuments(filter),
        ]);
        return { items: docs.map(toDelivery), total };
      }),
    cursor: () => mongoCall(async () => (await OutboxCursor.findById(CURSOR).lean())?.lastSeq ?? 0),
    advance: (from, to, deliveries) =>
      mongoCall(async () => {
        const session = await connection.startSession();
        try {
          return await runTransaction(
            session,
            async () => {
              const moved = await OutboxCursor.updateOne({ _id: CURSOR, lastSeq: from }, { $set: { lastSeq: to } }, { session });
              if (moved.modifiedCount === 0) return false;
              if (deliveries.length > 0) {
                // Upserts keyed by endpoint and event: one already made is left as it is.
                await WebhookDelivery.bulkWrite(
                  deliveries.map((d) => ({
                    updateOne: {
                      filter: { endpointId: toObjectId(d.endpointId), eventSeq: d.eventSeq },
                      update: {
                        $setOnInsert: {
                          eventType: d.eventType,
                          payload: d.payload,
                          status: 'pending',
                          attempts: 0,
                          nextAttemptAt: d.createdAt,
                          lockedUntil: null,
                          createdAt: d.createdAt,
                        },
                      },
                      upsert: true,
                    },
                  })),
                  { session },
                );
              }
              return true;
            },
            BOOKING_RETRY_POLICY,
          );
        } finally {
          await session.endSession();
        }
      }),
    claimDue: (now, claimUntil, limit) =>
      mongoCall(async () => {
        const claimed: DueDelivery[] = [];
        // Each claim is one atomic update of one document: two workers never take the same one.
        while (claimed.length < limit) {
          const doc = await WebhookDelivery.findOneAndUpdate(
            { status: 'pending', nextAttemptAt: { $lte: now }, $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }] },
            { $inc: { attempts: 1 }, $set: { lockedUntil: claimUntil } },
            { sort: { nextAttemptAt: 1, _id: 1 }, returnDocument: 'after' },
          ).lean();
          if (!doc) break;
          const endpoint = await WebhookEndpoint.findById(doc.endpointId).lean();
          if (endpoint) claimed.push({ ...toDelivery(doc), url: endpoint.url, secret: endpoint.secret });
        }
        return claimed;
      }),
    settle: (id, outcome) =>
      mongoCall(async () => {
        if (outcome.delivered) {
          await WebhookDelivery.updateOne(
            { _id: id },
            { $set: { status: 'delivered', lastStatus: outcome.status, lastError: null, deliveredAt: outcome.at, lockedUntil: null } },
          );
          return;
        }
        await WebhookDelivery.updateOne(
          { _id: id },
          {
            $set: {
              status: outcome.retryAt ? 'pending' : 'failed',
              lastStatus: outcome.status,
              lastError: outcome.error.slice(0, 500),
              lockedUntil: null,
              ...(outcome.retryAt ? { nextAttemptAt: outcome.retryAt } : {}),
            },
          },
        );
      }),
  };
}
