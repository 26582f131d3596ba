-- The front desk's statuses: a patient arrives (CHECKED_IN), is seen (COMPLETED), or never comes
-- (NO_SHOW). Each step keeps when it happened and who recorded it.
ALTER TABLE appointments DROP CONSTRAINT appointments_status_check;
ALTER TABLE appointments ADD CONSTRAINT appointments_status_check
  CHECK (status IN ('BOOKED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW', 'CANCELLED'));
ALTER TABLE appointments
  ADD COLUMN checked_in_at timestamptz,
  ADD COLUMN checked_in_by text,
  ADD COLUMN completed_at timestamptz,
  ADD COLUMN completed_by text,
  ADD COLUMN no_show_at timestamptz,
  ADD COLUMN no_show_by text;

-- A patient who is in the room, or was seen, still had that time: only a cancellation or a no-show
-- gives it back. Queries repeat this predicate word for word so the partial indexes answer them.
ALTER TABLE appointments DROP CONSTRAINT appointments_doctor_no_overlap;
ALTER TABLE appointments DROP CONSTRAINT appointments_patient_no_overlap;
ALTER TABLE appointments ADD CONSTRAINT appointments_doctor_no_overlap EXCLUDE USING gist (
  doctor_id WITH =, tstzrange(start_at, end_at, '[)') WITH &&
) WHERE (status IN ('BOOKED', 'CHECKED_IN', 'COMPLETED'));
ALTER TABLE appointments ADD CONSTRAINT appointments_patient_no_overlap EXCLUDE USING gist (
  patient_id WITH =, tstzrange(start_at, end_at, '[)') WITH &&
) WHERE (status IN ('BOOKED', 'CHECKED_IN', 'COMPLETED'));
