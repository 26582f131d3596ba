import type { WebhookBody, WebhookDeliveryBody, WebhookEvent } from '@clinic/contract/webhooks';
import type { Request, Response } from 'express';
import { idParams, pagingQuery } from '../schemas/common.js';
import { createWebhookBody } from '../schemas/webhooks.js';
import { eventId, type WebhookService } from '../services/webhooks.js';
import type { WebhookDelivery, WebhookEndpoint } from '../store/ports/webhooks.js';
import { parse } from './parse.js';
import { ok, okPage } from './present.js';

// The secret is shown once, when the endpoint is made; lists never carry it.
const presentWebhook = (endpoint: WebhookEndpoint): WebhookBody => ({
  id: endpoint.id,
  _id: endpoint.id,
  url: endpoint.url,
  events: endpoint.events as WebhookEvent[],
  createdAt: endpoint.createdAt.toISOString(),
});

const presentDelivery = (delivery: WebhookDelivery): WebhookDeliveryBody => ({
  id: delivery.id,
  eventId: eventId(delivery.eventSeq),
  eventType: delivery.eventType,
  status: delivery.status,
  attempts: delivery.attempts,
  nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt.toISOString() : null,
  lastStatus: delivery.lastStatus,
  lastError: delivery.lastError,
  createdAt: delivery.createdAt.toISOString(),
  deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
});

export function webhooksController(webhooks: WebhookService) {
  return {
    create: async (req: Request, res: Response) => {
      const body = parse(createWebhookBody, req.body, 'body');
      const endpoint = await webhooks.register(body.url, body.events);
      res.status(201).json(ok({ ...presentWebhook(endpoint), secret: endpoint.secret }));
    },
    list: async (_req: Request, res: Response) => {
      res.json(ok((await webhooks.list()).map(presentWebhook)));
    },
    remove: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      await webhooks.remove(id);
      res.status(204).end();
    },
    deliveries: async (req: Request, res: Response) => {
      const { id } = parse(idParams, req.params, 'params');
      const paging = parse(pagingQuery, req.query, 'query');
      res.json(okPage(await webhooks.deliveries(id, paging), paging, presentDelivery));
    },
  };
}
