import { readFileSync } from 'node:fs';
import argon2 from 'argon2';
import type { ErrorDetail } from '../errors.js';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): about 20 ms here, costly to brute-force.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const MIN_PASSWORD_LENGTH = 12;

const common = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean),
);

export const hashPassword = (password: string) => argon2.hash(password, OPTIONS);

// Verifying against this when the email is unknown makes that answer take as long as a wrong password.
let dummyHash: Promise<string> | undefined;

/** argon2's own comparison is constant-time; a missing account still pays for one verification. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing');
  const against = hash ?? (await dummyHash);
  const matches = await argon2.verify(against, password).catch(() => false);
  return hash !== null && matches;
}

/** Why a new password is refused, or [] when it may be used. */
export function passwordProblems(password: string, path = 'password'): ErrorDetail[] {
  if (password.length < MIN_PASSWORD_LENGTH) return [{ path, message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }];
  // "password1234" and "!!monkey123456" are the listed word dressed up: strip digits and symbols off both ends.
  const lower = password.toLowerCase();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (common.has(lower) || (core.length >= 4 && common.has(core)) || /^(.)\1+$/.test(password)) {
    return [{ path, message: 'is one of the most common passwords; choose another' }];
  }
  return [];
}
