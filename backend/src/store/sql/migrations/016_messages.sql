-- Emails to patients: confirmations, reminders and notices. Like webhook deliveries they are made
-- from the audit chain after a shared cursor, in the transaction that moves it, so a committed
-- booking always gets its messages and a rolled-back one (no audit record) never does.
CREATE TABLE messages (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('confirmation', 'reminder', 'rescheduled', 'cancelled', 'waitlist_offer')),
  appointment_id uuid,
  -- The start a reminder was made for: one found moved or cancelled when it comes due is dropped.
  appointment_start timestamptz,
  event_seq bigint NOT NULL,
  recipient text,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text NOT NULL,
  ics text,
  send_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'dropped', 'unsent')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  -- A worker's claim: another may take the message over once it has passed (the worker died).
  locked_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  -- One message of a kind per event and time, however many processes make it.
  UNIQUE (event_seq, kind, send_at)
);
CREATE INDEX messages_due_idx ON messages (next_attempt_at) WHERE status = 'pending';
CREATE INDEX messages_appointment_idx ON messages (appointment_id, created_at DESC);
CREATE INDEX messages_created_idx ON messages (created_at DESC);

-- A clinic's own wording for a kind of message; without a row the default in code is used.
CREATE TABLE message_templates (
  kind text PRIMARY KEY CHECK (kind IN ('confirmation', 'reminder', 'rescheduled', 'cancelled', 'waitlist_offer')),
  subject text NOT NULL,
  text text NOT NULL,
  html text NOT NULL,
  updated_at timestamptz NOT NULL
);

INSERT INTO outbox_cursors (name, last_seq) SELECT 'messages', COALESCE(max(seq), 0) FROM audit_log;
