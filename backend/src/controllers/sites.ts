import type { SiteBody } from '@clinic/contract/sites';
import type { Request, Response } from 'express';
import { idParams } from '../schemas/common.js';
import { createSiteBody, updateSiteBody } from '../schemas/sites.js';
import type { SiteDirectory, SiteView } from '../services/sites.js';
import { parse } from './parse.js';
import { ok } from './present.js';

const presentSite = (site: SiteView): SiteBody => ({
  id: site.id,
  _id: site.id,
  name: site.name,
  address: site.address,
  timezone: site.timezone,
  isDefault: site.isDefault,
  createdAt: site.createdAt.toISOString(),
  updatedAt: site.updatedAt.toISOString(),
});

export function sitesController(sites: SiteDirectory) {
  return {
    list: async (_req: Request, res: Response) => {
      res.json(ok((await sites.list()).map(presentSite)));
    },
    create: async (req: Request, res: Response) => {
      const body = parse(createSiteBody, req.body, 'body');
      res.status(201).json(ok(presentSite(await sites.create({ ...body, address: body.address ?? null }))));
    },
    update: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const body = parse(updateSiteBody, req.body, 'body');
      res.json(ok(presentSite(await sites.update(id, body))));
    },
  };
}
