-- The clinic's day is listed in (start_at, id) order, a page at a time. With an index on start_at
-- alone, the thousand appointments that share 09:00 were all read and sorted to find the first
-- hundred; with id in the key the page is the index's first hundred entries.
CREATE INDEX appointments_start_id_idx ON appointments (start_at, id);
DROP INDEX appointments_start_idx;
