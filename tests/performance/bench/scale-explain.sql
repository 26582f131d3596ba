-- The plans docs/operations.md shows, for a database kept by `npm run bench -- --scale --keep`:
--   psql postgres://postgres@127.0.0.1:5432/<kept database> -f tests/performance/bench/scale-explain.sql
-- Doctor 8 has appointments every day (doctors 7, 17, 27... have only cancelled ones: i % 10 = 7).

\echo '### availability: one doctor, one day'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT (SELECT to_jsonb(d) FROM doctors d WHERE d.id = md5('doctor8')::uuid) AS doctor,
       COALESCE((SELECT jsonb_agg(jsonb_build_array(a.start_at, a.end_at) ORDER BY a.start_at) FROM appointments a
                 WHERE a.doctor_id = md5('doctor8')::uuid AND a.status IN ('BOOKED', 'CHECKED_IN', 'COMPLETED')
                   AND tstzrange(a.start_at, a.end_at, '[)') && tstzrange((current_date + 2)::timestamptz, (current_date + 3)::timestamptz, '[)')),
                '[]'::jsonb) AS booked;

\echo '### patient search: the page of ten for "jam"'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
WITH hits AS (
  (SELECT key, patient_id FROM patient_search_keys WHERE key >= 'jam' AND key < 'jan' ORDER BY key, patient_id LIMIT 1000)
  UNION ALL
  (SELECT key, patient_id FROM patient_search_keys WHERE key >= '' AND key < '' ORDER BY key, patient_id LIMIT 1000)
), best AS (SELECT patient_id, min(key) AS key FROM hits GROUP BY patient_id),
page AS (SELECT patient_id, key FROM best ORDER BY key NOT IN ('jam', ''), key, patient_id LIMIT 10)
SELECT p.* FROM page JOIN patients p ON p.id = page.patient_id ORDER BY page.key NOT IN ('jam', ''), page.key, p.id;

\echo '### a doctor''s week: the first page of 100'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT a.id, a.start_at, d.name, p.name
FROM (SELECT * FROM appointments a WHERE a.doctor_id = md5('doctor8')::uuid
        AND a.start_at >= (current_date + 1)::timestamptz AND a.start_at < (current_date + 8)::timestamptz
      ORDER BY a.start_at, a.id LIMIT 100) a
JOIN doctors d ON d.id = a.doctor_id JOIN patients p ON p.id = a.patient_id ORDER BY a.start_at, a.id;

\echo '### the clinic''s day: the first page of 100'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT a.id, a.start_at, d.name, p.name
FROM (SELECT * FROM appointments a WHERE a.start_at >= (current_date + 2)::timestamptz AND a.start_at < (current_date + 3)::timestamptz
      ORDER BY a.start_at, a.id LIMIT 100) a
JOIN doctors d ON d.id = a.doctor_id JOIN patients p ON p.id = a.patient_id ORDER BY a.start_at, a.id;
