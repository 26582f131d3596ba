// Time given back while someone is waiting becomes the waitlist's to offer, in the same transaction
// as the change that gave it back; with nobody waiting nothing is written.
export const FREED = `INSERT INTO freed_slots (id, doctor_id, start_at, end_at, state, created_at)
SELECT $1::uuid, $2::uuid, $3::timestamptz, $4::timestamptz, 'open', $5::timestamptz
WHERE $4::timestamptz > $5::timestamptz AND EXISTS (SELECT 1 FROM waitlist_entries WHERE status IN ('waiting', 'offered'))`;
