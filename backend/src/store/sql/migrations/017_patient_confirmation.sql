-- A patient's own "I will come", from the confirm link in their confirmation: when they said so,
-- once; null until then.
ALTER TABLE appointments ADD COLUMN patient_confirmed_at timestamptz;
