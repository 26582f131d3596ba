-- The waitlist. A slot offered to a waiting patient is held by a HELD appointment, so the same
-- exclusion constraints that keep bookings apart keep everyone else out of it: no application
-- check can be raced past. Accepting turns the row into a BOOKED one in place.
ALTER TABLE appointments DROP CONSTRAINT appointments_status_check;
ALTER TABLE appointments ADD CONSTRAINT appointments_status_check
  CHECK (status IN ('BOOKED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'HELD'));
ALTER TABLE appointments DROP CONSTRAINT appointments_doctor_no_overlap;
ALTER TABLE appointments DROP CONSTRAINT appointments_patient_no_overlap;
ALTER TABLE appointments ADD CONSTRAINT appointments_doctor_no_overlap EXCLUDE USING gist (
  doctor_id WITH =, tstzrange(start_at, appointment_busy_until(end_at, buffer_minutes), '[)') WITH &&
) WHERE (status IN ('BOOKED', 'CHECKED_IN', 'COMPLETED', 'HELD'));
ALTER TABLE appointments ADD CONSTRAINT appointments_patient_no_overlap EXCLUDE USING gist (
  patient_id WITH =, tstzrange(start_at, end_at, '[)') WITH &&
) WHERE (status IN ('BOOKED', 'CHECKED_IN', 'COMPLETED', 'HELD'));

CREATE TABLE waitlist_entries (
  id uuid PRIMARY KEY,
  patient_id uuid NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
  doctor_id uuid REFERENCES doctors (id) ON DELETE CASCADE,
  specialty text,
  visit_type_id uuid REFERENCES visit_types (id) ON DELETE SET NULL,
  windows jsonb NOT NULL,
  note text,
  status text NOT NULL CHECK (status IN ('waiting', 'offered', 'booked', 'removed')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((doctor_id IS NULL) <> (specialty IS NULL))
);
CREATE INDEX waitlist_entries_queue_idx ON waitlist_entries (created_at, id) WHERE status IN ('waiting', 'offered');

-- Time that a cancel, a move or removed time off gave back, written in that change's transaction
-- while someone is waiting. Each hold placed on it moves its round on: of two processes offering
-- the same slot, the one that moves the round first wins and the other's transaction rolls back.
CREATE TABLE freed_slots (
  id uuid PRIMARY KEY,
  doctor_id uuid NOT NULL REFERENCES doctors (id) ON DELETE CASCADE,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  state text NOT NULL CHECK (state IN ('open', 'offered', 'closed')),
  round integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL
);
CREATE INDEX freed_slots_open_idx ON freed_slots (created_at, id) WHERE state = 'open';

CREATE TABLE waitlist_offers (
  id uuid PRIMARY KEY,
  entry_id uuid NOT NULL REFERENCES waitlist_entries (id) ON DELETE CASCADE,
  freed_id uuid NOT NULL REFERENCES freed_slots (id) ON DELETE CASCADE,
  appointment_id uuid REFERENCES appointments (id) ON DELETE SET NULL,
  doctor_id uuid NOT NULL,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'accepted', 'declined', 'expired', 'withdrawn')),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  decided_at timestamptz
);
CREATE INDEX waitlist_offers_entry_idx ON waitlist_offers (entry_id, created_at DESC);
CREATE INDEX waitlist_offers_due_idx ON waitlist_offers (expires_at) WHERE status = 'open';
-- One open offer per freed slot and per entry, whatever the processes do.
CREATE UNIQUE INDEX waitlist_offers_open_freed_idx ON waitlist_offers (freed_id) WHERE status = 'open';
CREATE UNIQUE INDEX waitlist_offers_open_entry_idx ON waitlist_offers (entry_id) WHERE status = 'open';
