import { useState } from 'react';
import { Alert, ErrorAlert } from '../../components/alert';
import { useClinic } from '../../lib/clinic-config';
import { formatInstantDay, formatTime } from '../../lib/time';
import type { MessageSummary } from '../../services/messages-api';
import { useSession } from '../auth/session';
import { kindLabel } from './kinds';
import { MessageView } from './message-view';
import { TemplatesEditor } from './templates-editor';
import { MESSAGES_PAGE, useMessages } from './use-messages';

function statusText(message: MessageSummary): string {
  if (message.status === 'pending') return message.lastError ? `retrying (${message.lastError})` : 'due';
  return message.lastError && message.status !== 'sent' ? `${message.status}: ${message.lastError}` : message.status;
}

/** What went (or would go) out to patients, each readable in full, and, for admins, the templates. */
export function MessagesPage() {
  const { timezone } = useClinic();
  const { me } = useSession();
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const messages = useMessages(page);
  const when = (iso: string) => `${formatInstantDay(iso, timezone)} ${formatTime(iso, timezone)}`;

  return (
    <>
      <title>Messages · Clinic desk</title>
      <h1>Messages</h1>
      <p>Emails to patients: confirmations, reminders, notices of a move or a cancellation, and waitlist offers.</p>
      {messages.data && !messages.data.smtpConfigured && (
        <Alert title="Email is not set up (SMTP_URL)">
          <p>Nothing is sent: every message is kept here, marked unsent, so you can read what would have gone out.</p>
        </Alert>
      )}
      {open && <MessageView id={open} onClose={() => setOpen(null)} />}
      <section aria-labelledby="messages-heading">
        <h2 id="messages-heading">Newest first</h2>
        {messages.isPending && <p className="muted">Loading messages…</p>}
        {messages.isError && (
          <ErrorAlert title="The messages could not be loaded." error={messages.error} onRetry={() => void messages.refetch()} />
        )}
        {messages.data?.items.length === 0 && <p className="empty">No messages yet: they are made when an appointment is booked.</p>}
        {messages.data && messages.data.items.length > 0 && (
          <div className="table-wrap table-cards">
            <table>
              <caption className="visually-hidden">Messages, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">To</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Due or sent</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {messages.data.items.map((message) => (
                  <tr key={message.id}>
                    <td data-label="Kind">{kindLabel(message.kind)}</td>
                    <td data-label="To">{message.recipient ?? '—'}</td>
                    <td data-label="Subject">
                      <button type="button" className="button-link" onClick={() => setOpen(message.id)}>
                        {message.subject}
                      </button>
                    </td>
                    <td data-label="Due or sent">{when(message.sentAt ?? message.sendAt)}</td>
                    <td data-label="Status">{statusText(message)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {messages.data && messages.data.total > MESSAGES_PAGE && (
          <div className="row-actions">
            <button type="button" className="button-secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
              Newer
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={(page + 1) * MESSAGES_PAGE >= messages.data.total}
              onClick={() => setPage(page + 1)}
            >
              Older
            </button>
          </div>
        )}
      </section>
      {me.role === 'admin' && <TemplatesEditor />}
    </>
  );
}
