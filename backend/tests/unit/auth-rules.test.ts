import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblems, verifyPassword } from '../../src/auth/passwords.js';
import { loginThrottle } from '../../src/auth/throttle.js';
import { sameSecret, sha256 } from '../../src/auth/secrets.js';

describe('password policy', () => {
  it.each(['short-pass1', '1qaz2wsx3edc', 'password1234', '!!monkey123456', 'aaaaaaaaaaaaaa'])('refuses %s', (password) => {
    expect(passwordProblems(password)).toHaveLength(1);
  });

  it.each(['correct horse battery staple', 'a-long-test-password-2026', 'Demo-Desk-Pass-2026'])('accepts %s', (password) => {
    expect(passwordProblems(password)).toEqual([]);
  });

  it('hashes with bcrypt and verifies only the right password; an unknown account never verifies', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$2[aby]\$11\$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
    expect(await verifyPassword(null, 'correct horse battery staple')).toBe(false);
  });
});

describe('login throttle', () => {
  it('locks a key after 5 failures, doubling the wait each time, and a success clears it', () => {
    let now = 0;
    const throttle = loginThrottle(() => new Date(now));
    for (let i = 0; i < 4; i += 1) throttle.failed(['a']);
    expect(throttle.retryAfter(['a'])).toBe(0);
    throttle.failed(['a']);
    expect(throttle.retryAfter(['a', 'b'])).toBe(30);
    now += 30_000;
    throttle.failed(['a']);
    expect(throttle.retryAfter(['a'])).toBe(60);
    throttle.succeeded(['a']);
    expect(throttle.retryAfter(['a'])).toBe(0);
  });
});

describe('secrets', () => {
  it('compares in constant time and hashes to hex', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sha256('abc')).toMatch(/^[0-9a-f]{64}$/);
  });
});
