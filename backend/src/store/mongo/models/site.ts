import { Schema, Types, type Connection } from 'mongoose';
import type { Site } from '../../ports/sites.js';

export type SiteDoc = Omit<Site, 'id'> & { _id: Types.ObjectId };

/** The default site's fixed id: appointments stored before sites existed name no site and mean this one. */
export const DEFAULT_SITE_ID = new Types.ObjectId('000000000000000000000001');

const siteSchema = new Schema<SiteDoc>(
  {
    name: { type: String, required: true },
    address: { type: String, default: null },
    timezone: { type: String, default: null },
    isDefault: { type: Boolean, required: true, default: false },
  },
  { timestamps: true, versionKey: false },
);

export const siteModel = (connection: Connection) => connection.model<SiteDoc>('Site', siteSchema, 'sites');
