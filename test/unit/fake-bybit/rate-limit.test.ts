import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../fake-bybit/rate-limit.js';

describe('the fake exchange\'s rate limiter', () => {
  it('counts per key and endpoint in one-second windows', () => {
    const l = new RateLimiter({ '/p': 2 }, 600);
    expect([l.hit('k', '/p', 1000).exceeded, l.hit('k', '/p', 1500).exceeded, l.hit('k', '/p', 1999).exceeded]).toEqual([false, false, true]);
    expect(l.hit('k', '/p', 2000).exceeded).toBe(false);
  });

  it('starts a new window when the clock is set back, instead of carrying the count on', () => {
    const l = new RateLimiter({ '/p': 2 }, 2);
    l.hit('k', '/p', 100_000);
    l.hit('k', '/p', 100_000);
    expect(l.ipBlocked('ip', 100_000)).toBe(false);
    expect(l.ipBlocked('ip', 100_000)).toBe(false);
    // Two minutes earlier (a test skews the server's clock the other way).
    expect(l.hit('k', '/p', -20_000).exceeded).toBe(false);
    expect(l.ipBlocked('ip', -20_000)).toBe(false);
  });
});
