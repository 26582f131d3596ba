/** Webhook endpoints and their deliveries, made from the audit chain after a shared cursor. */

import type { Page, PageOf } from '../store.js';

export type WebhookEndpoint = { id: string; url: string; events: string[]; secret: string; createdAt: Date };

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export type WebhookDelivery = {
  id: string;
  endpointId: string;
  /** The audit record's seq: the event's id, the same for every endpoint and every retry. */
  eventSeq: number;
  eventType: string;
  payload: unknown;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
};

/** A claimed delivery with what sending it needs. */
export type DueDelivery = WebhookDelivery & { url: string; secret: string };

export type NewDelivery = Pick<WebhookDelivery, 'endpointId' | 'eventSeq' | 'eventType' | 'payload' | 'createdAt'>;

/** What became of one attempt: delivered, or not, with when to try again (null: give up). */
export type AttemptOutcome =
  { delivered: true; status: number; at: Date } | { delivered: false; status: number | null; error: string; retryAt: Date | null };

export interface WebhookRepository {
  createEndpoint(input: Pick<WebhookEndpoint, 'url' | 'events' | 'secret'>): Promise<WebhookEndpoint>;
  listEndpoints(): Promise<WebhookEndpoint[]>;
  getEndpoint(id: string): Promise<WebhookEndpoint | null>;
  /** False when there was none. */
  removeEndpoint(id: string): Promise<boolean>;
  /** An endpoint's deliveries, newest first. */
  deliveries(endpointId: string, page: Page): Promise<PageOf<WebhookDelivery>>;
  /** Where the shared cursor stands on the audit chain. */
  cursor(): Promise<number>;
  /**
   * Stores the deliveries and moves the cursor from `from` to `to`, atomically, unless another
   * process moved it first (false: nothing written, read again). A delivery already made for its
   * endpoint and event is kept as it is.
   */
  advance(from: number, to: number, deliveries: NewDelivery[]): Promise<boolean>;
  /** Claims up to `limit` pending deliveries due by `now` that no live claim holds, counting the attempt. */
  claimDue(now: Date, claimUntil: Date, limit: number): Promise<DueDelivery[]>;
  settle(id: string, outcome: AttemptOutcome): Promise<void>;
}
