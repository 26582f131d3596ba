import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { formatInstantDay, formatTime } from '../../lib/time';
import { useClinic } from '../../lib/clinic-config';
import type { Webhook } from '../../services/webhooks-api';
import { useDeliveries, useRemoveWebhook, useWebhooks } from './use-webhooks';
import { eventLabel, WebhookForm } from './webhook-form';

function Deliveries({ webhook, timezone }: { webhook: Webhook; timezone: string }) {
  const deliveries = useDeliveries(webhook.id);
  const when = (iso: string) => `${formatInstantDay(iso, timezone)} ${formatTime(iso, timezone)}`;
  if (deliveries.isPending) return <p className="muted">Loading deliveries…</p>;
  if (deliveries.isError) return <ErrorAlert title="The deliveries could not be loaded." error={deliveries.error} />;
  if (deliveries.data.items.length === 0) return <p className="empty">Nothing sent yet.</p>;
  return (
    <div className="table-wrap table-cards">
      <table>
        <caption className="visually-hidden">Deliveries to {webhook.url}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Receiver said</th>
            <th scope="col">Made</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.data.items.map((d) => (
            <tr key={d.id}>
              <td data-label="Event">
                {eventLabel(d.eventType)} <span className="muted">{d.eventId}</span>
              </td>
              <td data-label="Status">
                {d.status}
                {d.nextAttemptAt && <span className="muted"> · next try {formatTime(d.nextAttemptAt, timezone)}</span>}
              </td>
              <td data-label="Attempts">{d.attempts}</td>
              <td data-label="Receiver said">{d.lastStatus ?? d.lastError ?? '—'}</td>
              <td data-label="Made">{when(d.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Webhooks for integrators: register, see what was sent and what the receiver answered, remove. */
export function WebhooksPage() {
  const { timezone } = useClinic();
  const webhooks = useWebhooks();
  const remove = useRemoveWebhook();
  const [open, setOpen] = useState<string | null>(null);

  return (
    <>
      <title>Webhooks · Clinic desk</title>
      <h1>Webhooks</h1>
      <p>Another system hears of each appointment change: a signed POST to its URL, retried for a day until it answers 2xx.</p>
      <section aria-labelledby="add-webhook-heading" className="card">
        <h2 id="add-webhook-heading">New webhook</h2>
        <WebhookForm />
      </section>
      <section aria-labelledby="webhook-list-heading">
        <h2 id="webhook-list-heading">Registered</h2>
        {webhooks.isPending && <p className="muted">Loading webhooks…</p>}
        {webhooks.isError && (
          <ErrorAlert title="The webhooks could not be loaded." error={webhooks.error} onRetry={() => void webhooks.refetch()} />
        )}
        {webhooks.isSuccess && webhooks.data.length === 0 && <p className="empty">None yet.</p>}
        {remove.isError && <ErrorAlert title="The webhook was not removed." error={remove.error} />}
        {webhooks.data?.map((webhook) => (
          <article key={webhook.id} className="card" aria-label={webhook.url}>
            <h3 className="webhook-url">{webhook.url}</h3>
            <p className="muted">{webhook.events.map(eventLabel).join(', ')}</p>
            <div className="row-actions">
              <button
                type="button"
                className="button-secondary"
                aria-expanded={open === webhook.id}
                onClick={() => setOpen(open === webhook.id ? null : webhook.id)}
              >
                {open === webhook.id ? 'Hide deliveries' : 'Show deliveries'}
              </button>
              <button type="button" className="button-secondary" disabled={remove.isPending} onClick={() => remove.mutate(webhook.id)}>
                Remove
              </button>
            </div>
            {open === webhook.id && <Deliveries webhook={webhook} timezone={timezone} />}
          </article>
        ))}
      </section>
    </>
  );
}
