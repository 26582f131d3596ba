import { createHmac, randomBytes } from 'node:crypto';
import type { WebhookEvent } from '@clinic/contract/webhooks';
import type { Logger } from '../config/logger.js';
import { runRounds } from './rounds.js';
import { presentAppointment } from '../controllers/present.js';
import { NotFoundError } from '../errors.js';
import type { AuditRecord } from '../store/ports/audit.js';
import type { DueDelivery, NewDelivery, WebhookEndpoint } from '../store/ports/webhooks.js';
import type { Store } from '../store/store.js';
import { EVENT_TYPES } from './live-events.js';
import { checkWebhookTarget } from './webhook-target.js';

/** The waitlist's audit actions that integrators hear of; the record names the offer. */
const WAITLIST_EVENTS = { 'waitlist.offer': 'waitlist.offered', 'waitlist.accept': 'waitlist.accepted' } as const;
const ACTIONS = [...Object.keys(EVENT_TYPES), ...Object.keys(WAITLIST_EVENTS)];
const BATCH = 200;
// A few at a time, so that several processes share a burst rather than one taking it all.
const CLAIM_BATCH = 5;
const SEND_TIMEOUT_MS = 10_000;
const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 60 * 60_000;
/** A delivery still failing this long after its event is given up. */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;

/** Standard Webhooks: HMAC-SHA256 over "id.timestamp.body" with the secret's bytes, base64. */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** When to try again after the n-th failed attempt, or null once the day is over. */
export function retryAt(attempts: number, createdAt: Date, now: Date): Date | null {
  const wait = Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LONGEST_WAIT_MS);
  const next = new Date(now.getTime() + wait);
  return next.getTime() - createdAt.getTime() > GIVE_UP_AFTER_MS ? null : next;
}

export const eventId = (seq: number) => `evt_${seq}`;

type Send = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ status: number }>;

type Options = { clinicZone: string; allowPrivate: boolean; claimMs: number; clock?: () => Date; send?: Send };

/** Endpoints that admins register, and the worker that makes and sends their deliveries. */
export function webhookService(store: Store, logger: Logger, options: Options) {
  const clock = options.clock ?? (() => new Date());
  const send: Send = options.send ?? ((url, init) => fetch(url, { ...init, redirect: 'manual' }));

  /** Deliveries for the chain's new appointment records, made once whichever process gets there. */
  async function makeDeliveries(endpoints: WebhookEndpoint[]): Promise<void> {
    for (;;) {
      const from = await store.webhooks.cursor();
      const records = await store.audit.after(from, ACTIONS, BATCH);
      if (records.length === 0) return;
      const deliveries: NewDelivery[] = [];
      for (const record of records) deliveries.push(...(await deliveriesOf(record, endpoints)));
      // Another process moved the cursor first: it made these, and the loop reads on from there.
      await store.webhooks.advance(from, records.at(-1)!.seq, deliveries);
    }
  }

  /** What an event carries: the appointment, and for a waitlist event the offer too (its hold, or the booking it became). */
  async function dataOf(record: AuditRecord & { resourceId: string }) {
    if (!(record.action in WAITLIST_EVENTS)) {
      const appointment = await store.appointments.get(record.resourceId);
      return appointment && { appointment: presentAppointment(appointment, options.clinicZone) };
    }
    const offer = await store.waitlist.offer(record.resourceId);
    if (!offer) return null;
    const { appointment, patient: _patient, ...rest } = offer;
    return {
      offer: { ...rest, start: rest.start.toISOString(), end: rest.end.toISOString(), expiresAt: rest.expiresAt.toISOString() },
      appointment: appointment && presentAppointment(appointment, options.clinicZone),
    };
  }

  async function deliveriesOf(record: AuditRecord, endpoints: WebhookEndpoint[]) {
    const type = (EVENT_TYPES[record.action as keyof typeof EVENT_TYPES] ??
      WAITLIST_EVENTS[record.action as keyof typeof WAITLIST_EVENTS]) as WebhookEvent;
    // An endpoint hears of what happens after it was registered.
    const listening = endpoints.filter((endpoint) => endpoint.events.includes(type) && endpoint.createdAt <= record.at);
    if (listening.length === 0 || !record.resourceId) return [];
    const data = await dataOf({ ...record, resourceId: record.resourceId });
    if (!data) return [];
    const payload = { id: eventId(record.seq), type, createdAt: record.at.toISOString(), data };
    // Due now by the worker's own clock, which also counts the day of retries from here.
    const createdAt = clock();
    return listening.map((endpoint) => ({ endpointId: endpoint.id, eventSeq: record.seq, eventType: type, payload, createdAt }));
  }

  async function attempt(delivery: DueDelivery): Promise<void> {
    const body = JSON.stringify(delivery.payload);
    const id = eventId(delivery.eventSeq);
    const timestamp = Math.floor(clock().getTime() / 1000);
    const headers = {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature(delivery.secret, id, timestamp, body),
    };
    let status: number | null = null;
    let error = '';
    try {
      await checkWebhookTarget(delivery.url, options.allowPrivate);
      status = (await send(delivery.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) })).status;
      if (status >= 200 && status < 300) {
        await store.webhooks.settle(delivery.id, { delivered: true, status, at: clock() });
        return;
      }
      error = `the receiver answered ${status}`;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    const next = retryAt(delivery.attempts, delivery.createdAt, clock());
    logger.warn('webhook delivery failed', {
      deliveryId: delivery.id,
      endpointId: delivery.endpointId,
      status,
      attempts: delivery.attempts,
    });
    await store.webhooks.settle(delivery.id, { delivered: false, status, error, retryAt: next });
  }

  // Whether the last round found endpoints: without any, a change needs no round of its own.
  let listening = false;

  /** One round: make what is new, then send what is due, each delivery claimed by one process. */
  async function tick(): Promise<void> {
    // Read before the endpoints: an endpoint registered after that read hears only of later records.
    const last = await store.audit.lastSeq();
    const endpoints = await store.webhooks.listEndpoints();
    listening = endpoints.length > 0;
    if (!listening) {
      // Nobody to tell: the cursor skips ahead, so a first endpoint does not walk the whole chain.
      const from = await store.webhooks.cursor();
      if (last > from) await store.webhooks.advance(from, last, []);
      return;
    }
    await makeDeliveries(endpoints);
    for (;;) {
      const now = clock();
      const due = await store.webhooks.claimDue(now, new Date(now.getTime() + options.claimMs), CLAIM_BATCH);
      if (due.length === 0) return;
      await Promise.all(due.map(attempt));
    }
  }

  return {
    register: async (url: string, events: WebhookEvent[]) => {
      await checkWebhookTarget(url, options.allowPrivate);
      const secret = `whsec_${randomBytes(32).toString('base64')}`;
      return store.webhooks.createEndpoint({ url, events: [...new Set(events)], secret });
    },
    list: () => store.webhooks.listEndpoints(),
    remove: async (id: string) => {
      if (!(await store.webhooks.removeEndpoint(id))) throw new NotFoundError('Webhook not found');
    },
    deliveries: async (id: string, page: { limit: number; offset: number }) => {
      if (!(await store.webhooks.getEndpoint(id))) throw new NotFoundError('Webhook not found');
      return store.webhooks.deliveries(id, page);
    },
    tick,
    /** Runs rounds every `everyMs` and soon after any change the store hears of; answers how to stop. */
    start: (everyMs: number) => runRounds(tick, logger, 'webhook', { everyMs, onChange: store.onChange, wanted: () => listening }),
  };
}

export type WebhookService = ReturnType<typeof webhookService>;
