-- The audit trail: append-only and hash-chained. Each record carries the hash of the one before
-- (prev_hash) and its own hash over its fields (see canonicalAuditText in store/audit-chain.ts).
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_kind text NOT NULL,
  actor_id text,
  actor_label text,
  action text NOT NULL,
  resource_type text NOT NULL,
  resource_id text,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  correlation_id text,
  client_address text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, seq);
CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, resource_id, seq);
CREATE INDEX audit_log_action_idx ON audit_log (action, seq);

-- One row: where the chain ends. Every append locks it until its transaction commits, so appends
-- from any number of processes take their turn, and records removed from the end are noticed.
CREATE TABLE audit_head (
  id smallint PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION audit_field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN value IS NULL THEN '~' ELSE octet_length(convert_to(value, 'UTF8')) || ':' || value END
$$;

-- Appends a JSON array of entries in order, under the head's row lock; returns the last seq.
-- The time is read under the lock, so it never goes backwards along the chain.
CREATE FUNCTION audit_append(entries jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash text;
  stamp timestamptz;
  entry jsonb;
  next_hash text;
BEGIN
  IF entries IS NULL OR jsonb_array_length(entries) = 0 THEN
    RETURN NULL;
  END IF;
  SELECT seq, hash INTO head_seq, head_hash FROM audit_head WHERE id = 1 FOR UPDATE;
  stamp := date_trunc('milliseconds', clock_timestamp());
  FOR entry IN SELECT value FROM jsonb_array_elements(entries) WITH ORDINALITY AS e(value, n) ORDER BY n LOOP
    head_seq := head_seq + 1;
    next_hash := encode(sha256(convert_to(concat_ws('|',
      audit_field(head_seq::text),
      audit_field(to_char(stamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
      audit_field(entry->>'actor_kind'),
      audit_field(entry->>'actor_id'),
      audit_field(entry->>'actor_label'),
      audit_field(entry->>'action'),
      audit_field(entry->>'resource_type'),
      audit_field(entry->>'resource_id'),
      audit_field(entry->>'outcome'),
      audit_field(entry->>'correlation_id'),
      audit_field(entry->>'client_address'),
      audit_field(head_hash)), 'UTF8')), 'hex');
    INSERT INTO audit_log (seq, at, actor_kind, actor_id, actor_label, action, resource_type, resource_id, outcome,
                           correlation_id, client_address, prev_hash, hash)
    VALUES (head_seq, stamp, entry->>'actor_kind', entry->>'actor_id', entry->>'actor_label', entry->>'action',
            entry->>'resource_type', entry->>'resource_id', entry->>'outcome', entry->>'correlation_id',
            entry->>'client_address', head_hash, next_hash);
    head_hash := next_hash;
  END LOOP;
  UPDATE audit_head SET seq = head_seq, hash = head_hash WHERE id = 1;
  RETURN head_seq;
END
$$;

-- No one changes or removes a record, and the head only moves forward. Store.reset (tests and
-- `seed --reset`) disables these inside its own transaction, which only the tables' owner can do.
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'audit_head' AND TG_OP = 'UPDATE' THEN
    IF NEW.seq >= OLD.seq THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_head_forward_only BEFORE UPDATE OR DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
