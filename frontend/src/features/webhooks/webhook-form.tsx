import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Field } from '../../components/field';
import { FormActions } from '../../components/form-actions';
import { SecretOnce } from '../../components/secret-once';
import { fieldErrorsFrom, hasErrors } from '../../lib/form-errors';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../../services/webhooks-api';
import { useCreateWebhook } from './use-webhooks';

/** "appointment.checked_in" reads as "checked in". */
export const eventLabel = (event: string) => event.replace('appointment.', '').replace('_', ' ');

/** Registers a URL for the events ticked; the signing secret is shown once, then forgotten. */
export function WebhookForm() {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['appointment.booked', 'appointment.cancelled', 'appointment.rescheduled']);
  const [missing, setMissing] = useState('');
  const create = useCreateWebhook();
  const serverErrors = fieldErrorsFrom(create.error, ['url', 'events']);

  function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(events.length === 0 ? 'Tick at least one event.' : '');
    if (events.length === 0) return;
    create.mutate({ url: url.trim(), events }, { onSuccess: () => setUrl('') });
  }

  const toggle = (event: WebhookEvent, on: boolean) =>
    setEvents((current) => (on ? [...current, event] : current.filter((e) => e !== event)));

  if (create.data) {
    return (
      <SecretOnce
        id="webhook-secret"
        title={`Webhook to ${create.data.url} registered`}
        label="Signing secret"
        secret={create.data.secret}
        note="The receiver checks each delivery's webhook-signature with it; lost, it cannot be shown: remove the webhook and register it again."
        copyLabel="Copy secret"
        onDone={() => create.reset()}
      />
    );
  }
  return (
    <form onSubmit={submit} noValidate className="form" aria-label="New webhook">
      <Field label="URL" hint="https://, reachable from the internet" error={serverErrors.url}>
        {(p) => <input {...p} type="url" value={url} onChange={(e) => setUrl(e.target.value)} autoComplete="off" />}
      </Field>
      <fieldset className="webhook-events" aria-describedby={missing || serverErrors.events ? 'webhook-events-error' : undefined}>
        <legend>Events</legend>
        {WEBHOOK_EVENTS.map((event) => (
          <label key={event}>
            <input type="checkbox" checked={events.includes(event)} onChange={(e) => toggle(event, e.target.checked)} /> {eventLabel(event)}
          </label>
        ))}
        <p id="webhook-events-error" className="field-error">
          {missing || serverErrors.events}
        </p>
      </fieldset>
      {create.isError && !hasErrors(serverErrors) && <ErrorAlert title="The webhook was not registered." error={create.error} />}
      <FormActions submitLabel="Register webhook" pending={create.isPending} pendingText="Registering…" status="" />
    </form>
  );
}
