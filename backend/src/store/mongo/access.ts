import { ConflictError } from '../../errors.js';
import type { Account, AccountRepository, ApiToken, SessionRepository, TokenRepository } from '../access.js';
import { mongoCall } from './errors.js';
import { isObjectIdHex, toObjectId } from './mapping.js';
import type { AccountDoc } from './models/account.js';
import type { ApiTokenDoc } from './models/api-token.js';
import type { Models } from './models/index.js';

const DUPLICATE_KEY = 11000;

const toAccount = (doc: AccountDoc): Account => ({
  id: doc._id.toHexString(),
  email: doc.email,
  name: doc.name,
  role: doc.role,
  doctorId: doc.doctorId ? doc.doctorId.toHexString() : null,
  passwordHash: doc.passwordHash,
  totpSecret: doc.totpSecret ?? null,
  totpEnabled: doc.totpEnabled ?? false,
  disabled: doc.disabled ?? false,
  lastLoginAt: doc.lastLoginAt ?? null,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

const toToken = (doc: ApiTokenDoc): ApiToken => ({
  id: doc._id.toHexString(),
  name: doc.name,
  role: doc.role,
  tokenHash: doc.tokenHash,
  createdAt: doc.createdAt,
  expiresAt: doc.expiresAt,
  lastUsedAt: doc.lastUsedAt ?? null,
  revokedAt: doc.revokedAt ?? null,
});

async function accountCall<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await mongoCall(operation);
  } catch (error) {
    const keyPattern = (error as { code?: number; keyPattern?: Record<string, unknown> }).keyPattern;
    if ((error as { code?: number }).code === DUPLICATE_KEY && keyPattern && 'emailKey' in keyPattern) {
      throw new ConflictError('DUPLICATE', 'An account with this email already exists', [{ path: 'email', message: 'already registered' }]);
    }
    throw error;
  }
}

export function mongoAccounts({ Account }: Models): AccountRepository {
  return {
    create: (input) =>
      accountCall(async () => {
        const doc = await Account.create({
          ...input,
          emailKey: input.email.toLowerCase(),
          doctorId: input.doctorId && isObjectIdHex(input.doctorId) ? toObjectId(input.doctorId) : null,
        });
        return toAccount(doc.toObject());
      }),
    get: (id) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const doc = await Account.findById(id).lean();
        return doc ? toAccount(doc) : null;
      }),
    findByEmail: (email) =>
      mongoCall(async () => {
        const doc = await Account.findOne({ emailKey: email.toLowerCase() }).lean();
        return doc ? toAccount(doc) : null;
      }),
    update: (id, changes) =>
      accountCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const { doctorId, ...rest } = changes;
        const set: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
        if (doctorId !== undefined) set.doctorId = doctorId && isObjectIdHex(doctorId) ? toObjectId(doctorId) : null;
        const doc = await Account.findByIdAndUpdate(id, { $set: set }, { new: true, runValidators: true }).lean();
        return doc ? toAccount(doc) : null;
      }),
    list: ({ limit, offset }) =>
      mongoCall(async () => {
        const [docs, total] = await Promise.all([
          Account.find().sort({ emailKey: 1, _id: 1 }).skip(offset).limit(limit).lean(),
          Account.countDocuments(),
        ]);
        return { items: docs.map(toAccount), total };
      }),
    countAdmins: () => mongoCall(() => Account.countDocuments({ role: 'admin' })),
  };
}

export function mongoSessions({ Session }: Models): SessionRepository {
  return {
    create: (session) =>
      mongoCall(async () => {
        await Session.create({ ...session, _id: session.id, accountId: toObjectId(session.accountId) });
      }),
    get: (id) =>
      mongoCall(async () => {
        const doc = await Session.findById(id).lean();
        return doc
          ? {
              id: doc._id,
              accountId: doc.accountId.toHexString(),
              createdAt: doc.createdAt,
              lastSeenAt: doc.lastSeenAt,
              expiresAt: doc.expiresAt,
            }
          : null;
      }),
    touch: (id, at) =>
      mongoCall(async () => {
        await Session.updateOne({ _id: id }, { $set: { lastSeenAt: at } });
      }),
    delete: (id) =>
      mongoCall(async () => {
        await Session.deleteOne({ _id: id });
      }),
    deleteForAccount: (accountId, keep) =>
      mongoCall(async () => {
        if (!isObjectIdHex(accountId)) return 0;
        const filter = { accountId: toObjectId(accountId), ...(keep ? { _id: { $ne: keep } } : {}) };
        return (await Session.deleteMany(filter)).deletedCount;
      }),
    purgeExpired: (idleBefore, now) =>
      mongoCall(async () => {
        const result = await Session.deleteMany({ $or: [{ lastSeenAt: { $lt: idleBefore } }, { expiresAt: { $lte: now } }] });
        return result.deletedCount;
      }),
  };
}

export function mongoTokens({ ApiToken }: Models): TokenRepository {
  return {
    create: (input) => mongoCall(async () => toToken((await ApiToken.create({ ...input, createdAt: new Date() })).toObject())),
    findByHash: (tokenHash) =>
      mongoCall(async () => {
        const doc = await ApiToken.findOne({ tokenHash: { $eq: tokenHash } }).lean();
        return doc ? toToken(doc) : null;
      }),
    list: ({ limit, offset }) =>
      mongoCall(async () => {
        const [docs, total] = await Promise.all([
          ApiToken.find().sort({ createdAt: -1, _id: 1 }).skip(offset).limit(limit).lean(),
          ApiToken.countDocuments(),
        ]);
        return { items: docs.map(toToken), total };
      }),
    revoke: (id, at) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        await ApiToken.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: at } });
        const doc = await ApiToken.findById(id).lean();
        return doc ? toToken(doc) : null;
      }),
    markUsed: (id, at) =>
      mongoCall(async () => {
        await ApiToken.updateOne({ _id: id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: at } }] }, { $set: { lastUsedAt: at } });
      }),
  };
}
