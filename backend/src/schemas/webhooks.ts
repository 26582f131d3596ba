import * as contract from '@clinic/contract/webhooks';
import { named } from './common.js';

export const createWebhookBody = named('CreateWebhook', contract.createWebhookBody);
export const webhookSchema = named('Webhook', contract.webhookSchema);
export const createdWebhookSchema = named('CreatedWebhook', contract.createdWebhookSchema);
export const webhookDeliverySchema = named('WebhookDelivery', contract.webhookDeliverySchema);
