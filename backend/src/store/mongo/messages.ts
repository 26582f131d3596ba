import type { Connection } from 'mongoose';
import type { Message, MessageRepository, MessageTemplate } from '../ports/messages.js';
import { mongoCall } from './errors.js';
import { isObjectIdHex } from './mapping.js';
import type { Models } from './models/index.js';
import type { MessageDoc, MessageTemplateDoc } from './models/message.js';
import { runTransaction } from './retry.js';
import { BOOKING_RETRY_POLICY } from './booking-transaction.js';

export const MESSAGES_CURSOR = 'messages';

const toMessage = ({ _id, lockedUntil: _claim, ...doc }: MessageDoc): Message => ({
  ...doc,
  id: _id.toHexString(),
  appointmentId: doc.appointmentId ?? null,
  appointmentStart: doc.appointmentStart ?? null,
  recipient: doc.recipient ?? null,
  ics: doc.ics ?? null,
  lastError: doc.lastError ?? null,
  sentAt: doc.sentAt ?? null,
});

const toTemplate = (doc: MessageTemplateDoc): MessageTemplate => ({
  kind: doc._id,
  subject: doc.subject,
  text: doc.text,
  html: doc.html,
  updatedAt: doc.updatedAt,
});

/** The cursor starts where the audit chain is on the first start, as the SQL migration does. */
export async function ensureMessagesCursor({ OutboxCursor, AuditHead }: Pick<Models, 'OutboxCursor' | 'AuditHead'>): Promise<void> {
  const head = await AuditHead.findOne().lean();
  await OutboxCursor.updateOne({ _id: MESSAGES_CURSOR }, { $setOnInsert: { lastSeq: head?.seq ?? 0 } }, { upsert: true });
}

export function mongoMessages(connection: Connection, { Message, MessageTemplate, OutboxCursor }: Models): MessageRepository {
  return {
    list: ({ limit, offset, appointmentId, status }) =>
      mongoCall(async () => {
        const filter = { ...(appointmentId !== undefined && { appointmentId }), ...(status && { status }) };
        const [docs, total] = await Promise.all([
          Message.find(filter).sort({ createdAt: -1, eventSeq: -1, sendAt: 1, _id: 1 }).skip(offset).limit(limit).lean(),
          Message.countDocuments(filter),
        ]);
        return { items: docs.map(toMessage), total };
      }),
    get: (id) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const doc = await Message.findById(id).lean();
        return doc ? toMessage(doc) : null;
      }),
    cursor: () => mongoCall(async () => (await OutboxCursor.findById(MESSAGES_CURSOR).lean())?.lastSeq ?? 0),
    advance: (from, to, messages, drops) =>
      mongoCall(async () => {
        const session = await connection.startSession();
        try {
          return await runTransaction(
            session,
            async () => {
              const moved = await OutboxCursor.updateOne({ _id: MESSAGES_CURSOR, lastSeq: from }, { $set: { lastSeq: to } }, { session });
              if (moved.modifiedCount === 0) return false;
              if (messages.length > 0) {
                // Upserts keyed by event, kind and time: one already made is left as it is.
                await Message.bulkWrite(
                  messages.map(({ eventSeq, kind, sendAt, ...rest }) => ({
                    updateOne: {
                      filter: { eventSeq, kind, sendAt },
                      update: { $setOnInsert: { ...rest, attempts: 0, nextAttemptAt: sendAt, lockedUntil: null, sentAt: null } },
                      upsert: true,
                    },
                  })),
                  { session },
                );
              }
              // After the inserts: a reminder made and then moved within this batch is dropped too.
              for (const drop of drops) {
                await Message.updateMany(
                  { kind: 'reminder', status: 'pending', appointmentId: drop.appointmentId, eventSeq: { $lt: drop.beforeSeq } },
                  { $set: { status: 'dropped', lastError: 'the appointment was moved or cancelled', lockedUntil: null } },
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
        const claimed: Message[] = [];
        // Each claim is one atomic update of one document: two workers never take the same one.
        while (claimed.length < limit) {
          const doc = await Message.findOneAndUpdate(
            { status: 'pending', nextAttemptAt: { $lte: now }, $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }] },
            { $inc: { attempts: 1 }, $set: { lockedUntil: claimUntil } },
            { sort: { nextAttemptAt: 1, _id: 1 }, returnDocument: 'after' },
          ).lean();
          if (!doc) break;
          claimed.push(toMessage(doc));
        }
        return claimed;
      }),
    settle: (id, outcome) =>
      mongoCall(async () => {
        await Message.updateOne(
          { _id: id },
          {
            $set: {
              status: outcome.status,
              sentAt: outcome.status === 'sent' ? outcome.at : null,
              lastError: outcome.status === 'sent' ? null : outcome.error.slice(0, 500),
              lockedUntil: null,
              ...(outcome.status === 'pending' && { nextAttemptAt: outcome.retryAt }),
            },
          },
        );
      }),
    templates: () => mongoCall(async () => (await MessageTemplate.find().sort({ _id: 1 }).lean()).map(toTemplate)),
    saveTemplate: ({ kind, subject, text, html }) =>
      mongoCall(async () => {
        const doc = await MessageTemplate.findOneAndUpdate(
          { _id: kind },
          { $set: { subject, text, html, updatedAt: new Date() } },
          { upsert: true, returnDocument: 'after' },
        ).lean();
        return toTemplate(doc!);
      }),
    removeTemplate: (kind) => mongoCall(async () => (await MessageTemplate.deleteOne({ _id: kind })).deletedCount > 0),
  };
}
