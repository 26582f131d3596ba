-- A doctor's time off as ranges of instants: part of a day, or several days. Availability and
-- booking leave it out; creating it over booked appointments lists them, never cancels them.
CREATE TABLE time_off (
  id uuid PRIMARY KEY,
  doctor_id uuid NOT NULL REFERENCES doctors (id) ON DELETE CASCADE,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  reason text NOT NULL CHECK (reason IN ('holiday', 'sick_leave', 'training', 'other')),
  created_at timestamptz NOT NULL,
  CHECK (end_at > start_at)
);
CREATE INDEX time_off_doctor_range_idx ON time_off USING gist (doctor_id, tstzrange(start_at, end_at, '[)'));
