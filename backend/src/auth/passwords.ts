import { readFileSync } from 'node:fs';
import bcrypt from 'bcryptjs';
import type { ErrorDetail } from '../errors.js';

// bcrypt, cost 11 (2^11 rounds, about 150 ms on an idle core): argon2's prebuilt binary crashes on this
// platform and building it needs a toolchain CI lacks, so the maintained pure-JS bcrypt it is.
const COST = 11;
export const MIN_PASSWORD_LENGTH = 12;
// bcrypt reads only the first 72 bytes; a longer password would have an unchecked tail.
const MAX_PASSWORD_BYTES = 72;

const common = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean),
);

export const hashPassword = (password: string) => bcrypt.hash(password, COST);

// Verifying against this when the email is unknown makes that answer take as long as a wrong password.
let dummyHash: Promise<string> | undefined;

/** bcrypt's own comparison is constant-time; a missing account still pays for one verification. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing');
  const against = hash ?? (await dummyHash);
  const matches = await bcrypt.compare(password, against).catch(() => false);
  return hash !== null && matches;
}

/** Why a new password is refused, or [] when it may be used. */
export function passwordProblems(password: string, path = 'password'): ErrorDetail[] {
  if (password.length < MIN_PASSWORD_LENGTH) return [{ path, message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }];
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) return [{ path, message: `must be at most ${MAX_PASSWORD_BYTES} bytes` }];
  // "password1234" and "!!monkey123456" are the listed word dressed up: strip digits and symbols off both ends.
  const lower = password.toLowerCase();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (common.has(lower) || (core.length >= 4 && common.has(core)) || /^(.)\1+$/.test(password)) {
    return [{ path, message: 'is one of the most common passwords; choose another' }];
  }
  return [];
}
