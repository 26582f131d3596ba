import type { Site, SiteRepository } from '../ports/sites.js';
import { mongoCall } from './errors.js';
import { isObjectIdHex } from './mapping.js';
import type { Models } from './models/index.js';
import { DEFAULT_SITE_ID, type SiteDoc } from './models/site.js';

const toSite = (doc: SiteDoc & { createdAt: Date; updatedAt: Date }): Site => ({
  id: doc._id.toHexString(),
  name: doc.name,
  address: doc.address ?? null,
  timezone: doc.timezone ?? null,
  isDefault: doc.isDefault,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

type Stored = SiteDoc & { createdAt: Date; updatedAt: Date };

/** The default site exists from the first start on, as the SQL migration makes it. */
export async function ensureDefaultSite({ Site }: Pick<Models, 'Site'>): Promise<void> {
  await Site.updateOne(
    { _id: DEFAULT_SITE_ID },
    { $setOnInsert: { name: 'Main site', address: null, timezone: null, isDefault: true } },
    { upsert: true },
  );
}

export function mongoSites({ Site }: Models): SiteRepository {
  return {
    list: () =>
      mongoCall(async () => {
        const docs = await Site.find().sort({ isDefault: -1, name: 1, _id: 1 }).lean();
        return docs.map((doc) => toSite(doc as Stored));
      }),

    get: (id) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const doc = await Site.findById(id).lean();
        return doc ? toSite(doc as Stored) : null;
      }),

    create: (input) => mongoCall(async () => toSite((await Site.create({ ...input, isDefault: false })).toObject() as Stored)),

    update: (id, changes) =>
      mongoCall(async () => {
        if (!isObjectIdHex(id)) return null;
        const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
        const doc = await Site.findByIdAndUpdate(id, { $set: defined }, { returnDocument: 'after' }).lean();
        return doc ? toSite(doc as Stored) : null;
      }),
  };
}
