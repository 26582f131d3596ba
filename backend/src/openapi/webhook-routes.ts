import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { envelope, idParams, listEnvelope, pagingQuery, z } from '../schemas/common.js';
import { createdWebhookSchema, createWebhookBody, webhookDeliverySchema, webhookSchema } from '../schemas/webhooks.js';
import { asQuery, describePaging, ERRORS, errorResponses, jsonBody, ok, requestHeaders, WRITE_ERRORS } from './responses.js';

/** Webhooks for integrators: signed deliveries of appointment changes, retried for a day. */
export function webhookRoutes(): RouteConfig[] {
  return [
    {
      method: 'post',
      path: '/api/webhooks',
      tags: ['Webhooks'],
      summary: 'Register a URL for appointment events; answers the signing secret once',
      description:
        'Each delivery is a POST signed the Standard Webhooks way: `webhook-id`, `webhook-timestamp` and `webhook-signature: ' +
        'v1,<base64 HMAC-SHA256 of "id.timestamp.body" keyed with the secret>`. A non-2xx answer is retried with backoff ' +
        'for 24 hours. Private and loopback targets are refused unless WEBHOOK_ALLOW_PRIVATE=true.',
      request: { headers: requestHeaders, body: jsonBody(createWebhookBody) },
      responses: { ...ok(201, 'Registered, with its secret', envelope(createdWebhookSchema)), ...errorResponses(WRITE_ERRORS) },
    },
    {
      method: 'get',
      path: '/api/webhooks',
      tags: ['Webhooks'],
      summary: 'The registered webhooks (no secrets)',
      request: { headers: requestHeaders },
      responses: { ...ok(200, 'The webhooks', envelope(z.array(webhookSchema))), ...errorResponses([]) },
    },
    {
      method: 'delete',
      path: '/api/webhooks/{id}',
      tags: ['Webhooks'],
      summary: 'Stop a webhook; its pending deliveries go with it',
      request: { params: idParams, headers: requestHeaders },
      responses: { 204: { description: 'Removed' }, ...errorResponses([ERRORS.validation, ERRORS.notFound]) },
    },
    {
      method: 'get',
      path: '/api/webhooks/{id}/deliveries',
      tags: ['Webhooks'],
      summary: "A webhook's deliveries, newest first: status, attempts and the receiver's last answer",
      request: { params: idParams, headers: requestHeaders, query: describePaging(asQuery(pagingQuery)) },
      responses: { ...ok(200, 'One page', listEnvelope(webhookDeliverySchema)), ...errorResponses([ERRORS.validation, ERRORS.notFound]) },
    },
  ];
}
