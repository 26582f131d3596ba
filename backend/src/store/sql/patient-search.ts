import type { Page, PageOf, Patient } from '../store.js';
import type { SqlClient } from './db.js';
import { likePattern, toPatient, type PatientRow } from './rows.js';
import { prefixRange, searchForms, SEARCH_MATCH_CAP } from '../patient-search.js';

type Query = { forms: string[]; limit: number; offset: number };

// Two ranges always; a second form that is absent is the empty range ['', '').
const rangesOf = (forms: string[]) => [...prefixRange(forms[0]!), ...(forms[1] ? prefixRange(forms[1]) : ['', ''])];

// Patients with a key in [$1, $2) or [$3, $4), best first: a key equal to a typed form (the least
// key of its range), then key order. Each range reads at most SEARCH_MATCH_CAP keys in index order, so a common prefix costs
// no more than a rare one.
const byPrefix = (select: string) => `
WITH hits AS (
  (SELECT key, patient_id FROM patient_search_keys WHERE key >= $1 AND key < $2 ORDER BY key, patient_id LIMIT ${SEARCH_MATCH_CAP})
  UNION ALL
  (SELECT key, patient_id FROM patient_search_keys WHERE key >= $3 AND key < $4 ORDER BY key, patient_id LIMIT ${SEARCH_MATCH_CAP})
), best AS (SELECT patient_id, min(key) AS key FROM hits GROUP BY patient_id)
${select}`;

// The page is cut from the keys before any patient row is read: ten lookups, not a thousand.
const PREFIX_PAGE = byPrefix(`,
page AS (SELECT patient_id, key FROM best ORDER BY key NOT IN ($1, $3), key, patient_id LIMIT $5 OFFSET $6)
SELECT p.* FROM page JOIN patients p ON p.id = page.patient_id
ORDER BY page.key NOT IN ($1, $3), page.key, p.id`);
const PREFIX_COUNT = byPrefix(`SELECT least(count(*), ${SEARCH_MATCH_CAP})::int AS total FROM best`);

// Each word of the text replaced by the nearest word of any name: by trigrams, or by at most two
// edits among the words with its first letter (a swapped pair like "jonh" shares few trigrams).
const CORRECTED = `
SELECT string_agg(COALESCE((
  SELECT word FROM patient_name_words
  WHERE word % t.w OR (word >= left(t.w, 1) AND word < left(t.w, 1) || U&'\\+10FFFF' AND levenshtein_less_equal(word, t.w, 2) <= 2)
  ORDER BY levenshtein(word, t.w), similarity(word, t.w) DESC, word LIMIT 1), t.w), ' ' ORDER BY t.n) AS text
FROM unnest(string_to_array($1, ' ')) WITH ORDINALITY AS t(w, n)`;

// Every word somewhere in the name (in any order), or the typed text inside the email; the trigram
// indexes answer each LIKE, and a page reads at most SEARCH_MATCH_CAP matches.
const MAX_WORDS = 8;
function containsQuery(words: string[]) {
  const name = words.map((_, index) => `patient_search_text(name) LIKE $${index + 2}`).join(' AND ');
  const matches = `SELECT * FROM patients WHERE (${name}) OR lower(email) LIKE $1 LIMIT ${SEARCH_MATCH_CAP}`;
  const n = words.length + 1;
  return {
    page: `SELECT * FROM (${matches}) matches ORDER BY name, id LIMIT $${n + 1} OFFSET $${n + 2}`,
    count: `SELECT count(*)::int AS total FROM (${matches}) matches`,
  };
}

async function prefixSearch(db: SqlClient, { forms, limit, offset }: Query): Promise<PageOf<Patient>> {
  const ranges = rangesOf(forms);
  const [rows, count] = await Promise.all([
    db.query<PatientRow>(PREFIX_PAGE, [...ranges, limit, offset]),
    db.query<{ total: number }>(PREFIX_COUNT, ranges),
  ]);
  return { items: rows.rows.map(toPatient), total: count.rows[0]?.total ?? 0 };
}

async function containsSearch(db: SqlClient, { forms, limit, offset }: Query): Promise<PageOf<Patient>> {
  const words = forms[0]!.split(' ').slice(0, MAX_WORDS);
  const { page, count } = containsQuery(words);
  const patterns = [forms[1] ?? forms[0]!, ...words].map(likePattern);
  const [rows, total] = await Promise.all([
    db.query<PatientRow>(page, [...patterns, limit, offset]),
    db.query<{ total: number }>(count, patterns),
  ]);
  return { items: rows.rows.map(toPatient), total: total.rows[0]?.total ?? 0 };
}

const found = (page: PageOf<Patient>) => page.total > 0;

/**
 * What a front desk expects of a search box: the start of any word of the name, the email, any
 * four or more digits of the phone, or the birth date. Only when nothing starts so, each word
 * anywhere in the name (or the text inside the email); then the same with typos corrected.
 */
export async function searchPatients(db: SqlClient, q: string, page: Page): Promise<PageOf<Patient>> {
  const forms = searchForms(q);
  if (forms.length === 0) return { items: [], total: 0 };
  const query = { forms, ...page };
  const prefixed = await prefixSearch(db, query);
  if (found(prefixed)) return prefixed;
  const contained = await containsSearch(db, query);
  if (found(contained)) return contained;
  const corrected = (await db.query<{ text: string | null }>(CORRECTED, [forms[0]])).rows[0]?.text;
  if (!corrected || corrected === forms[0]) return contained;
  const fixed = { ...query, forms: [corrected] };
  const fixedPrefix = await prefixSearch(db, fixed);
  return found(fixedPrefix) ? fixedPrefix : containsSearch(db, fixed);
}
