import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../../src/services/webhook-target.js';
import { GIVE_UP_AFTER_MS, retryAt, signature } from '../../src/services/webhooks.js';

describe('webhook signatures', () => {
  it('match the Standard Webhooks example', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    expect(signature(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });
});

describe('webhook retries', () => {
  it('wait 30 s, then twice as long each time up to an hour, and stop after a day', () => {
    const created = new Date('2030-01-01T00:00:00Z');
    const waits = [1, 2, 3, 8, 9].map((n) => retryAt(n, created, created)!.getTime() - created.getTime());
    // The 8th would wait 64 minutes: capped at an hour.
    expect(waits).toEqual([30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
    expect(retryAt(20, created, new Date(created.getTime() + GIVE_UP_AFTER_MS - 1000))).toBeNull();
  });
});

describe('webhook targets', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.10', true],
    ['169.254.169.254', true],
    ['::1', true],
    ['fd12::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['93.184.216.34', false],
    ['2606:2800:220:1:248:1893:25c8:1946', false],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});
