/** How a patient search reads its text, on every engine: the rules behind the SQL keys and Mongo's. */

/** A search counts and pages through at most this many matches; a longer list asks for more letters. */
export const SEARCH_MATCH_CAP = 1000;

const BIRTH_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PHONE_LIKE = /^[\d\s+().-]+$/;

/** A name as search compares it; the same rule as the SQL function patient_search_text. */
export const nameSearchText = (text: string) =>
  text
    .toLowerCase()
    .replace(/'/g, '')
    .replace(/[\s.,-]+/g, ' ')
    .trim();

/**
 * The forms of a typed text to look up as key prefixes: a birth date as it is, a phone number as
 * its digits, anything else as a name and, where that differs, as typed (an email's dots).
 */
export function searchForms(q: string): string[] {
  const typed = q.trim().toLowerCase();
  if (BIRTH_DATE.test(typed)) return [typed];
  const digits = typed.replace(/\D/g, '');
  if (PHONE_LIKE.test(typed) && digits.length >= 4) return [digits];
  const name = nameSearchText(typed);
  return [...new Set([name, typed])].filter(Boolean);
}

/** [from, to): every text that starts with `prefix`, in code point order. */
export function prefixRange(prefix: string): [string, string] {
  const chars = Array.from(prefix);
  const last = chars.pop()!;
  return [prefix, chars.join('') + String.fromCodePoint(last.codePointAt(0)! + 1)];
}

/** Where each search key of a patient comes from; the same rule as the SQL function patient_search_keys_of. */
export function patientSearchKeys(patient: {
  name: string;
  email: string | null;
  phone: string | null;
  dateOfBirth: string | null;
}): string[] {
  const words = nameSearchText(patient.name).split(' ').filter(Boolean);
  const digits = (patient.phone ?? '').replace(/\D/g, '');
  const keys = [
    ...words.map((_, index) => words.slice(index).join(' ')),
    ...(patient.email ? [patient.email.toLowerCase()] : []),
    ...Array.from({ length: Math.max(0, digits.length - 3) }, (_, index) => digits.slice(index)),
    ...(patient.dateOfBirth ? [patient.dateOfBirth] : []),
  ];
  return [...new Set(keys)].sort();
}
