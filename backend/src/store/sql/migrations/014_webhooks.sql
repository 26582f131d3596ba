-- Webhooks for integrators. Their outbox is the audit chain: every change appends its record in
-- its own transaction, so a rolled-back change has none and a committed one cannot lose it.
-- Deliveries are made from the chain after a shared cursor, one row per endpoint and event.
CREATE TABLE webhook_endpoints (
  id uuid PRIMARY KEY,
  url text NOT NULL,
  events text[] NOT NULL,
  secret text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY,
  endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event_seq bigint NOT NULL,
  event_type text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  -- A worker's claim: another may take the delivery over once it has passed (the worker died).
  locked_until timestamptz,
  last_status integer,
  last_error text,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz,
  UNIQUE (endpoint_id, event_seq)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC);

-- How far along the audit chain deliveries have been made; starts where the chain is today.
CREATE TABLE outbox_cursors (name text PRIMARY KEY, last_seq bigint NOT NULL);
INSERT INTO outbox_cursors (name, last_seq) SELECT 'webhooks', COALESCE(max(seq), 0) FROM audit_log;
