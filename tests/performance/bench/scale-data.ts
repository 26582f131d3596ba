/**
 * The scale bench's data, made by set-based SQL inside PostgreSQL: a million INSERTs over the
 * API would take hours, generate_series takes minutes. The shape is the same at every size:
 * 1,000 doctors with full days of 30-minute appointments (09:00-17:00 UTC), one in ten cancelled,
 * so a day or a week of one doctor holds as many rows at 100,000 appointments as at 10,000,000;
 * only the history behind them and the number of patients grow.
 */
import type { SqlDatabase } from '../../../backend/src/store/sql/db.js';
import { inChunks, withoutIndexes } from './scale-bulk.js';

export const SCALE_DOCTORS = 1000;
export const SLOTS_PER_DAY = 16;
const DAY = 86_400_000;

export type ScaleSize = { label: string; appointments: number; patients: number };
export type ScaleData = { doctors: string[]; patients: string[]; firstDay: number; futureDays: number; seconds: Record<string, number> };

const FIRST_NAMES =
  'James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard Susan Joseph Jessica Thomas Sarah ' +
  'Charles Karen Christopher Nancy Daniel Lisa Matthew Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily ' +
  'Andrew Donna Joshua Michelle Kenneth Dorothy Kevin Carol Brian Amanda George Melissa Edward Deborah Ana Sofia Lucas Mateo Olivia ' +
  'Noah Emma Liam Amelia Oliver Hannah Joanna Anne Annette Fatima Mohammed Yuki Chen Wei Priya Arjun Ines Tomasz Agnieszka Kwame Ama';
const SURNAMES =
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor ' +
  'Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott ' +
  'Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Kowalski Novak Muller Schmidt ' +
  'Rossi Russo Dubois Silva Santos Okafor Mensah Tanaka Sato Kim Park Singh Patel Khan Ali Cohen Levi Byrne Walsh Murphy Kelly';

export const firstNames = FIRST_NAMES.split(' ');
export const surnames = SURNAMES.split(' ');

/** Patient n's name, email and phone, as the SQL below writes them; the search load draws from these. */
export const patientName = (n: number) =>
  `${firstNames[n % firstNames.length]} ${surnames[Math.floor(n / firstNames.length) % surnames.length]}` +
  (n % 3 === 0 ? `-${surnames[Math.floor(n / 7) % surnames.length]}` : '');
export const patientEmail = (n: number) => `patient${n}@example.test`;
export const patientPhone = (n: number) => `+44 7${String((n * 7919) % 1_000_000_000).padStart(9, '0')}`;

// Names from two word lists (about 6,500 combinations, a third double-barrelled), so prefixes and
// typos meet realistic numbers of near namesakes. The ids are derived from n, so the bench knows them.
const PATIENTS = `
INSERT INTO patients (id, name, email, phone, date_of_birth, created_at, updated_at)
SELECT md5('patient' || n)::uuid,
       f.a[1 + n % cardinality(f.a)] || ' ' || s.a[1 + (n / cardinality(f.a)) % cardinality(s.a)]
         || CASE WHEN n % 3 = 0 THEN '-' || s.a[1 + (n / 7) % cardinality(s.a)] ELSE '' END,
       'patient' || n || '@example.test',
       '+44 7' || lpad((n::bigint * 7919 % 1000000000)::text, 9, '0'),
       date '1940-01-01' + (n * 37 % 30000),
       now(), now()
FROM generate_series($1::int, $2::int - 1) AS n,
     (SELECT string_to_array($3, ' ') AS a) f, (SELECT string_to_array($4, ' ') AS a) s`;

const PATIENT_KEYS = `
INSERT INTO patient_search_keys (key, patient_id)
SELECT k, p.id FROM patients p, unnest(patient_search_keys_of(p.name, p.email, p.phone, p.date_of_birth)) AS k
WHERE left(p.id::text, 1) = $1`;
// Patient ids are md5 hashes: their first hex digit splits the register into sixteen even parts.
const HEX_DIGITS = '0123456789abcdef';
const NAME_WORDS = `
INSERT INTO patient_name_words (word)
SELECT DISTINCT w FROM patients p, unnest(string_to_array(patient_search_text(p.name), ' ')) AS w WHERE w <> ''
ON CONFLICT DO NOTHING`;

// Appointment i: doctor i mod 1000, then slot and day; patient i mod P, which never meets itself
// twice in one slot because P is a multiple of the 1,000 appointments a slot holds.
const APPOINTMENTS = `
INSERT INTO appointments (id, doctor_id, patient_id, start_at, end_at, status, created_at, updated_at)
SELECT gen_random_uuid(), md5('doctor' || (i % ${SCALE_DOCTORS}))::uuid, md5('patient' || (i % $3))::uuid, at, at + interval '30 minutes',
       CASE WHEN i % 10 = 7 THEN 'CANCELLED' ELSE 'BOOKED' END, now(), now()
FROM generate_series($1::bigint, $2::bigint - 1) AS i,
     LATERAL (SELECT $4::timestamptz + ((i / ${SCALE_DOCTORS}) / ${SLOTS_PER_DAY}) * interval '1 day' + interval '9 hours'
                     + ((i / ${SCALE_DOCTORS}) % ${SLOTS_PER_DAY}) * interval '30 minutes' AS at) slot`;

const CHUNK = 500_000;

async function timed(seconds: Record<string, number>, name: string, work: () => Promise<unknown>) {
  const started = performance.now();
  await work();
  seconds[name] = (seconds[name] ?? 0) + (performance.now() - started) / 1000;
}

/**
 * Loads one size: patients (search keys built set-based, not by the per-row trigger), doctors,
 * then the appointments in chunks, so the log shows progress. The history ends `futureDays`
 * after tomorrow. The exclusion constraints are built after the load, so they check every row.
 */
export async function loadScale(db: SqlDatabase, size: ScaleSize, futureDays: number, log: (line: string) => void): Promise<ScaleData> {
  const seconds: Record<string, number> = {};
  const days = Math.ceil(size.appointments / (SCALE_DOCTORS * SLOTS_PER_DAY));
  const tomorrow = Math.floor(Date.now() / DAY) * DAY + DAY;
  const firstDay = tomorrow - Math.max(0, days - futureDays) * DAY;
  await timed(seconds, 'patients', async () => {
    await db.exec('ALTER TABLE patients DISABLE TRIGGER patients_search');
    for (let from = 0; from < size.patients; from += CHUNK) {
      await db.query(PATIENTS, [from, Math.min(size.patients, from + CHUNK), FIRST_NAMES, SURNAMES]);
    }
    await db.exec('ALTER TABLE patients ENABLE TRIGGER patients_search');
  });
  await timed(seconds, 'search keys', async () => {
    await withoutIndexes(db, 'patient_search_keys', () =>
      inChunks(HEX_DIGITS.length, 1, async (digit) => {
        await db.query(PATIENT_KEYS, [HEX_DIGITS[digit]]);
      }),
    );
    await db.exec(NAME_WORDS);
  });
  log(
    `${size.label}: ${size.patients} patients in ${seconds.patients!.toFixed(0)} s, search keys in ${seconds['search keys']!.toFixed(0)} s`,
  );
  await db.query(
    `INSERT INTO doctors (id, name, specialty, slot_minutes, created_at, updated_at)
     SELECT md5('doctor' || n)::uuid, 'Scale Doctor ' || n, 'General Practice', 30, now(), now() FROM generate_series(0, ${SCALE_DOCTORS - 1}) n`,
  );
  let loaded = 0;
  const insertAll = () =>
    inChunks(size.appointments, CHUNK, async (from, to) => {
      await db.query(APPOINTMENTS, [from, to, size.patients, new Date(firstDay)]);
      loaded += to - from;
      log(`${size.label}: ${loaded} of ${size.appointments} appointments`);
    });
  await timed(seconds, 'appointments and indexes', () =>
    withoutIndexes(db, 'appointments', () => timed(seconds, 'appointments', insertAll)),
  );
  await timed(seconds, 'analyze', () => db.exec('VACUUM ANALYZE'));
  const ids = await db.query<{ doctors: string[]; patients: string[] }>(
    `SELECT (SELECT array_agg(md5('doctor' || n)::uuid ORDER BY n) FROM generate_series(0, ${SCALE_DOCTORS - 1}) n) AS doctors,
            (SELECT array_agg(md5('patient' || n)::uuid ORDER BY n) FROM generate_series(0, ${SCALE_DOCTORS - 1}) n) AS patients`,
  );
  return { doctors: ids.rows[0]!.doctors, patients: ids.rows[0]!.patients, firstDay: tomorrow, futureDays, seconds };
}
