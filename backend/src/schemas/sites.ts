import * as contract from '@clinic/contract/sites';
import { named } from './common.js';

export const createSiteBody = named('CreateSite', contract.createSiteBody);
export const updateSiteBody = named('UpdateSite', contract.updateSiteBody);
export const siteSchema = named('Site', contract.siteSchema);
