-- A doctor's calendar feed is read by calendar apps, which cannot send headers: the URL carries a
-- per-doctor secret (two random UUIDs, 244 random bits) that staff can rotate.
ALTER TABLE doctors ADD COLUMN calendar_key text NOT NULL DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
-- Bumped by every move, so a calendar app updates the event (SEQUENCE) instead of keeping the old one.
ALTER TABLE appointments ADD COLUMN revision integer NOT NULL DEFAULT 0;
