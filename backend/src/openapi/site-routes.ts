import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { envelope, idParams, z } from '../schemas/common.js';
import { createSiteBody, siteSchema, updateSiteBody } from '../schemas/sites.js';
import { ERRORS, errorResponses, jsonBody, ok, requestHeaders, WRITE_ERRORS } from './responses.js';

/** Sites: the places doctors work, each with its own time zone. */
export function siteRoutes(): RouteConfig[] {
  return [
    {
      method: 'get',
      path: '/api/sites',
      tags: ['Sites'],
      summary: 'The clinic’s sites, the default first',
      description: 'The default site always exists; its zone is CLINIC_TIMEZONE, and schedule windows that name no site are there.',
      request: { headers: requestHeaders },
      responses: { ...ok(200, 'The sites', envelope(z.array(siteSchema))), ...errorResponses([]) },
    },
    {
      method: 'post',
      path: '/api/sites',
      tags: ['Sites'],
      summary: 'Add a site in its own IANA time zone',
      request: { headers: requestHeaders, body: jsonBody(createSiteBody) },
      responses: { ...ok(201, 'Added', envelope(siteSchema)), ...errorResponses(WRITE_ERRORS) },
    },
    {
      method: 'patch',
      path: '/api/sites/{id}',
      tags: ['Sites'],
      summary: 'Rename a site, or change its address or zone (the default site keeps CLINIC_TIMEZONE)',
      request: { params: idParams, headers: requestHeaders, body: jsonBody(updateSiteBody) },
      responses: { ...ok(200, 'Changed', envelope(siteSchema)), ...errorResponses([...WRITE_ERRORS, ERRORS.notFound]) },
    },
  ];
}
