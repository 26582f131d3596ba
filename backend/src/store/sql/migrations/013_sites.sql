-- Sites: where a doctor works, each in its own time zone. The default site always exists (so a
-- clinic with one place never has to set one up); its zone is NULL, meaning CLINIC_TIMEZONE.
CREATE TABLE sites (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  address text,
  timezone text,
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (is_default OR timezone IS NOT NULL)
);
CREATE UNIQUE INDEX sites_one_default ON sites (is_default) WHERE is_default;
-- A fixed id, so the column default below is a constant: adding the column rewrites no row.
INSERT INTO sites (id, name, address, timezone, is_default, created_at, updated_at)
VALUES ('00000000-0000-4000-8000-000000000001', 'Main site', NULL, NULL, true, now(), now());

-- Where the appointment happens: the site of the working window it was booked into.
ALTER TABLE appointments ADD COLUMN site_id uuid NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001' REFERENCES sites (id);
