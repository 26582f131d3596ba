// Webhooks (admin), through the one fetch client in api.ts.
import type { CreatedWebhook, WebhookBody, WebhookDeliveryBody, WebhookEvent } from '@clinic/contract/webhooks';
import { list, request } from './api';

export { WEBHOOK_EVENTS } from '@clinic/contract/webhooks';
export type {
  CreatedWebhook,
  WebhookBody as Webhook,
  WebhookDeliveryBody as WebhookDelivery,
  WebhookEvent,
} from '@clinic/contract/webhooks';

export async function listWebhooks(): Promise<WebhookBody[]> {
  return (await request<WebhookBody[]>('/webhooks')).data;
}

export async function createWebhook(input: { url: string; events: WebhookEvent[] }): Promise<CreatedWebhook> {
  return (await request<CreatedWebhook>('/webhooks', { method: 'POST', body: input })).data;
}

export async function removeWebhook(id: string): Promise<void> {
  await request<never>(`/webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function listDeliveries(id: string) {
  return list<WebhookDeliveryBody>(`/webhooks/${encodeURIComponent(id)}/deliveries`, { limit: 50 });
}
