import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { useMessage } from './use-messages';

/**
 * One message as the patient gets it. The HTML is shown in an iframe with every sandbox
 * restriction (no scripts, no forms, no same-origin): it is patient data rendered from a template.
 */
export function MessageView({ id, onClose }: { id: string; onClose: () => void }) {
  const message = useMessage(id);
  const [html, setHtml] = useState(false);
  if (message.isPending) return <p className="muted">Loading the message…</p>;
  if (message.isError) return <ErrorAlert title="The message could not be loaded." error={message.error} />;
  const { data } = message;
  return (
    <article className="card message-view" aria-label={`Message: ${data.subject}`}>
      <h2>{data.subject}</h2>
      <p className="muted">To: {data.recipient ?? 'no email address'}</p>
      <div className="row-actions">
        <button type="button" className="button-secondary" aria-pressed={html} onClick={() => setHtml(!html)}>
          {html ? 'Show text' : 'Show HTML'}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          Close
        </button>
      </div>
      {html ? (
        <iframe title="HTML body" sandbox="" srcDoc={data.html} className="message-html" />
      ) : (
        <pre className="message-text">{data.text}</pre>
      )}
      {data.ics && <p className="muted">With a calendar invitation (appointment.ics).</p>}
    </article>
  );
}
