import type { ClientSession, Connection } from 'mongoose';
import { ServiceUnavailableError } from '../../errors.js';
import { auditHash, GENESIS_HASH, verifyChain } from '../audit-chain.js';
import type { AuditEntry, AuditRecord, AuditRepository } from '../ports/audit.js';
import { mongoCall } from './errors.js';
import type { AuditRecordDoc } from './models/audit-record.js';
import type { Models } from './models/index.js';
import { runTransaction, TransactionRetriesExhausted, type RetryPolicy } from './retry.js';

const HEAD = 'head';
const CHAIN_BATCH = 200;
// Chaining is the only writer of the head; a few processes may race for it, each taking a batch.
const CHAIN_POLICY: RetryPolicy = { maxAttempts: 20, baseDelayMs: 5 };

function toRecord(doc: AuditRecordDoc): AuditRecord {
  return {
    id: doc._id.toHexString(),
    seq: doc.seq ?? 0,
    at: doc.at,
    actorKind: doc.actorKind,
    actorId: doc.actorId,
    actorLabel: doc.actorLabel,
    action: doc.action,
    resourceType: doc.resourceType,
    resourceId: doc.resourceId,
    outcome: doc.outcome,
    correlationId: doc.correlationId,
    clientAddress: doc.clientAddress,
    prevHash: doc.prevHash ?? '',
    hash: doc.hash ?? '',
  };
}

const pendingDoc = (entry: AuditEntry, resourceId: string | null) => ({
  ...entry,
  resourceId,
  at: new Date(),
  seq: null,
  pending: true,
  prevHash: null,
  hash: null,
});

export type MongoAuditWriter = {
  /** Stores a write's record as pending in the write's transaction, naming the row written. */
  pending(entry: AuditEntry | undefined, resourceId: string, session: ClientSession): Promise<void>;
  /** After a commit: chains what is pending (failures are left for the next chaining). */
  chainSoon(): void;
  /** Runs a write with its record in one transaction; without a record, as it is. */
  write<T>(
    entry: AuditEntry | undefined,
    work: (session?: ClientSession) => Promise<T>,
    resourceIdOf: (result: T) => string | undefined,
  ): Promise<T>;
};

export function mongoAudit(
  connection: Connection,
  { AuditRecord, AuditHead }: Models,
): { repository: AuditRepository; writer: MongoAuditWriter } {
  async function chainBatch(): Promise<number> {
    const session = await connection.startSession();
    try {
      return await runTransaction(
        session,
        async () => {
          // Written first, so two chainers conflict here instead of both linking the same records.
          const head = await AuditHead.findOneAndUpdate({ _id: HEAD }, { $inc: { turns: 1 } }, { returnDocument: 'after', session }).lean();
          if (!head) throw new ServiceUnavailableError('The audit chain has no head');
          const pending = await AuditRecord.find({ pending: true }).sort({ _id: 1 }).limit(CHAIN_BATCH).session(session).lean();
          let { seq, hash } = head;
          const updates = pending.map((doc) => {
            seq += 1;
            const linked = { ...doc, seq, prevHash: hash };
            hash = auditHash(toRecord({ ...linked, hash: null }));
            return {
              updateOne: {
                filter: { _id: doc._id, pending: true },
                update: { $set: { seq, prevHash: linked.prevHash, hash }, $unset: { pending: 1 } },
              },
            };
          });
          if (updates.length === 0) return 0;
          await AuditRecord.bulkWrite(updates, { session });
          await AuditHead.updateOne({ _id: HEAD }, { $set: { seq, hash } }, { session });
          return updates.length;
        },
        CHAIN_POLICY,
      );
    } catch (error) {
      if (error instanceof TransactionRetriesExhausted) throw new ServiceUnavailableError('The audit chain is busy; try again');
      throw error;
    } finally {
      await session.endSession();
    }
  }

  async function chainAll() {
    while ((await chainBatch()) === CHAIN_BATCH);
  }

  // One chaining at a time in this process; callers arriving meanwhile share the next one.
  let tail: Promise<void> = Promise.resolve();
  let next: Promise<void> | null = null;
  function chain(): Promise<void> {
    if (!next) {
      const run = tail.then(() => {
        next = null;
        return chainAll();
      });
      next = run;
      tail = run.catch(() => undefined);
    }
    return next;
  }

  // Made on first use, so that opening the store costs no round trip; a failure is tried again next time.
  let head: Promise<unknown> | null = null;
  const headReady = () =>
    (head ??= AuditHead.updateOne({ _id: HEAD }, { $setOnInsert: { seq: 0, hash: GENESIS_HASH } }, { upsert: true }).catch(
      (error: unknown) => {
        head = null;
        throw error;
      },
    ));

  const writer: MongoAuditWriter = {
    pending: async (entry, resourceId, session) => {
      if (!entry) return;
      await AuditRecord.create([pendingDoc(entry, resourceId)], { session });
    },
    chainSoon: () => {
      void headReady()
        .then(chain)
        .catch(() => undefined);
    },
    write: async (entry, work, resourceIdOf) => {
      if (!entry) return work();
      const session = await connection.startSession();
      try {
        const result = await runTransaction(
          session,
          async () => {
            const written = await work(session);
            const resourceId = resourceIdOf(written);
            if (resourceId !== undefined) await writer.pending(entry, resourceId, session);
            return written;
          },
          CHAIN_POLICY,
        );
        writer.chainSoon();
        return result;
      } finally {
        await session.endSession();
      }
    },
  };

  const repository: AuditRepository = {
    append: (entry) =>
      mongoCall(async () => {
        await AuditRecord.create(pendingDoc(entry, entry.resourceId));
        writer.chainSoon();
      }),
    list: ({ actorId, resourceType, resourceId, action, from, to, limit, offset }) =>
      mongoCall(async () => {
        await headReady();
        await chain();
        const filter = {
          seq: { $gte: 1 },
          ...(actorId ? { actorId } : {}),
          ...(resourceType ? { resourceType } : {}),
          ...(resourceId ? { resourceId } : {}),
          ...(action ? { action } : {}),
          ...(from || to ? { at: { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) } } : {}),
        };
        const [docs, total] = await Promise.all([
          AuditRecord.find(filter).sort({ seq: -1 }).skip(offset).limit(limit).lean(),
          AuditRecord.countDocuments(filter),
        ]);
        return { items: docs.map(toRecord), total };
      }),
    after: (seq, actions, limit) =>
      mongoCall(async () => {
        await headReady();
        await chain();
        const docs = await AuditRecord.find({ seq: { $gt: seq }, action: { $in: [...actions] }, outcome: 'success' })
          .sort({ seq: 1 })
          .limit(limit)
          .lean();
        return docs.map(toRecord);
      }),
    lastSeq: () =>
      mongoCall(async () => {
        await headReady();
        await chain();
        return (await AuditHead.findById(HEAD).lean())?.seq ?? 0;
      }),
    verify: () =>
      mongoCall(async () => {
        await headReady();
        await chain();
        const head = await AuditHead.findById(HEAD).lean();
        const lastSeq = head?.seq ?? 0;
        const cursor = AuditRecord.find({ seq: { $lte: lastSeq } })
          .sort({ seq: 1 })
          .lean()
          .cursor();
        async function* records() {
          for await (const doc of cursor) yield toRecord(doc as AuditRecordDoc);
        }
        return verifyChain(records(), { seq: lastSeq, hash: head?.hash ?? GENESIS_HASH });
      }),
  };

  return { repository, writer };
}

/** Empties the trail and restarts the chain; for tests and `seed --reset`. */
export async function resetMongoAudit({ AuditRecord, AuditHead }: Models) {
  await AuditRecord.deleteMany();
  await AuditHead.updateOne({ _id: HEAD }, { $set: { seq: 0, hash: GENESIS_HASH } }, { upsert: true });
}
