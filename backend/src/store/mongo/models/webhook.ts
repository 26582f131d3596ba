import { Schema, type Connection, type Types } from 'mongoose';
import type { WebhookDelivery, WebhookEndpoint } from '../../ports/webhooks.js';

export type WebhookEndpointDoc = Omit<WebhookEndpoint, 'id'> & { _id: Types.ObjectId };
export type WebhookDeliveryDoc = Omit<WebhookDelivery, 'id' | 'endpointId'> & {
  _id: Types.ObjectId;
  endpointId: Types.ObjectId;
  lockedUntil: Date | null;
};
export type OutboxCursorDoc = { _id: string; lastSeq: number };

const endpointSchema = new Schema<WebhookEndpointDoc>(
  {
    url: { type: String, required: true },
    events: { type: [String], required: true },
    secret: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

const deliverySchema = new Schema<WebhookDeliveryDoc>(
  {
    endpointId: { type: Schema.Types.ObjectId, required: true, ref: 'WebhookEndpoint' },
    eventSeq: { type: Number, required: true },
    eventType: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true, enum: ['pending', 'delivered', 'failed'] },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    lockedUntil: { type: Date, default: null },
    lastStatus: { type: Number, default: null },
    lastError: { type: String, default: null },
    createdAt: { type: Date, required: true },
    deliveredAt: { type: Date, default: null },
  },
  { versionKey: false },
);
// One delivery per endpoint and event, however many processes make it.
deliverySchema.index({ endpointId: 1, eventSeq: 1 }, { unique: true });
deliverySchema.index({ status: 1, nextAttemptAt: 1 });
deliverySchema.index({ endpointId: 1, createdAt: -1 });

const cursorSchema = new Schema<OutboxCursorDoc>(
  { _id: { type: String, required: true }, lastSeq: { type: Number, required: true } },
  { versionKey: false },
);

export const webhookModels = (connection: Connection) => ({
  WebhookEndpoint: connection.model<WebhookEndpointDoc>('WebhookEndpoint', endpointSchema, 'webhook_endpoints'),
  WebhookDelivery: connection.model<WebhookDeliveryDoc>('WebhookDelivery', deliverySchema, 'webhook_deliveries'),
  OutboxCursor: connection.model<OutboxCursorDoc>('OutboxCursor', cursorSchema, 'outbox_cursors'),
});
