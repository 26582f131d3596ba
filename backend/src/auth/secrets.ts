import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Integrator tokens start with this, so secret scanners can spot one pasted where it should not be. */
export const TOKEN_PREFIX = 'clk_';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** 256 random bits, URL-safe: a session cookie's secret. */
export const newSessionSecret = () => randomBytes(32).toString('base64url');

export const newTokenSecret = () => `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;

/** Compares two secrets without leaking through timing how much of them matched. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
