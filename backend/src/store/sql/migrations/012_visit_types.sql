-- Visit types per doctor: a length and a buffer after it (cleaning, notes) that keeps the doctor's
-- next booking away but is not the patient's time.
CREATE TABLE visit_types (
  id uuid PRIMARY KEY,
  doctor_id uuid NOT NULL REFERENCES doctors (id) ON DELETE CASCADE,
  name text NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
  buffer_minutes integer NOT NULL CHECK (buffer_minutes BETWEEN 0 AND 240),
  active boolean NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX visit_types_doctor_idx ON visit_types (doctor_id, name);

-- Adding minutes to an instant gives the same instant in every time zone, so this is immutable
-- even though timestamptz + interval in general (days, months) is only stable. The exclusion
-- constraint needs an immutable expression.
CREATE FUNCTION appointment_busy_until(end_at timestamptz, buffer_minutes integer) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT end_at + buffer_minutes * interval '1 minute' $$;

ALTER TABLE appointments
  ADD COLUMN visit_type_id uuid REFERENCES visit_types (id),
  ADD COLUMN buffer_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 240);

-- The doctor is busy through the buffer; the patient only for the visit itself. Queries repeat the
-- range expression word for word so the constraint's index answers them.
ALTER TABLE appointments DROP CONSTRAINT appointments_doctor_no_overlap;
ALTER TABLE appointments ADD CONSTRAINT appointments_doctor_no_overlap EXCLUDE USING gist (
  doctor_id WITH =, tstzrange(start_at, appointment_busy_until(end_at, buffer_minutes), '[)') WITH &&
) WHERE (status IN ('BOOKED', 'CHECKED_IN', 'COMPLETED'));
