CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE doctors (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  specialty text NOT NULL,
  email text,
  phone text,
  slot_minutes integer NOT NULL CHECK (slot_minutes BETWEEN 5 AND 480),
  schedule jsonb,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX doctors_specialty_idx ON doctors (lower(specialty));

CREATE TABLE patients (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL,
  phone text,
  date_of_birth date,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
-- Case-insensitive uniqueness: Ana@x.org and ana@x.org are one person.
CREATE UNIQUE INDEX patients_email_key ON patients (lower(email));

CREATE TABLE appointments (
  id uuid PRIMARY KEY,
  doctor_id uuid NOT NULL REFERENCES doctors (id),
  patient_id uuid NOT NULL REFERENCES patients (id),
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('BOOKED', 'CANCELLED')),
  reason text,
  cancelled_at timestamptz,
  cancellation_reason text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (end_at > start_at),
  -- The database, not the service, is what makes double booking impossible.
  CONSTRAINT appointments_doctor_no_overlap EXCLUDE USING gist (
    doctor_id WITH =, tstzrange(start_at, end_at, '[)') WITH &&
  ) WHERE (status = 'BOOKED'),
  CONSTRAINT appointments_patient_no_overlap EXCLUDE USING gist (
    patient_id WITH =, tstzrange(start_at, end_at, '[)') WITH &&
  ) WHERE (status = 'BOOKED')
);
CREATE INDEX appointments_doctor_start_idx ON appointments (doctor_id, start_at);
CREATE INDEX appointments_patient_start_idx ON appointments (patient_id, start_at DESC);
CREATE INDEX appointments_start_idx ON appointments (start_at);

CREATE TABLE idempotency_keys (
  key text PRIMARY KEY,
  request_hash text NOT NULL,
  status_code integer,
  response_body jsonb,
  locked_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);
