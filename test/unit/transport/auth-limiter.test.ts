import { describe, expect, it } from 'vitest';
import { clientAddress, createAuthLimiter } from '../../../electron/core/transport/auth-limiter.js';
import { createRefusalLog, type RefusalSummary } from '../../../electron/core/transport/refusal-log.js';
import { estimateTokenBits } from '../../../electron/core/transport/token-strength.js';
import { resolveServeToken } from '../../../electron/core/transport/serve-options.js';
import { AppError } from '../../../electron/core/errors.js';

const policy = { freeMisses: 3, baseLockMs: 1000, maxLockMs: 8000, forgetAfterMs: 60_000, maxAddresses: 3 };

describe('auth limiter (injected clock)', () => {
  it('lets a few misses through, then locks out for twice as long each time, up to the cap', () => {
    const clock = { t: 0 };
    const l = createAuthLimiter(() => clock.t, policy);
    const locks = Array.from({ length: 8 }, () => l.fail('a'));
    expect(locks).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 8000]);
    expect(l.check('a')).toEqual({ allowed: false, retryAfterMs: 8000 });
    expect(l.check('b')).toEqual({ allowed: true });
    clock.t += 7999;
    expect(l.check('a').allowed).toBe(false);
    clock.t += 1;
    expect(l.check('a').allowed).toBe(true);
  });

  it('a success forgets the address; so does a long quiet time', () => {
    const clock = { t: 0 };
    const l = createAuthLimiter(() => clock.t, policy);
    for (let i = 0; i < 4; i += 1) l.fail('a');
    l.succeed('a');
    expect(l.check('a').allowed).toBe(true);
    expect(l.fail('a')).toBe(0);
    for (let i = 0; i < 3; i += 1) l.fail('a');
    clock.t += 60_001;
    expect(l.fail('a')).toBe(0);
  });

  it('remembers a bounded number of addresses, dropping the oldest', () => {
    const l = createAuthLimiter(() => 0, policy);
    for (const a of ['a', 'b', 'c', 'd']) for (let i = 0; i < 4; i += 1) l.fail(a);
    expect(l.check('a').allowed).toBe(true);
    expect(l.check('d').allowed).toBe(false);
  });

  it('treats IPv4 written as IPv6 as the same client', () => {
    expect(clientAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(clientAddress('::1')).toBe('::1');
    expect(clientAddress(undefined)).toBe('unknown');
  });
});

describe('refusal log', () => {
  it('writes the first refusal at once, then one summary per interval while refusals go on, then stops', () => {
    const lines: RefusalSummary[] = [];
    const pending: Array<() => void> = [];
    const log = createRefusalLog((s) => lines.push(s), { setTimeout: (fn) => { pending.push(fn); return fn; }, clearTimeout: () => undefined }, 60_000);
    log.note('a', 'wrong token');
    for (let i = 0; i < 1000; i += 1) log.note(i % 2 ? 'a' : 'b', i % 3 ? 'wrong token' : 'locked out');
    expect(lines).toEqual([{ refused: 1, addresses: 1, reasons: { 'wrong token': 1 }, windowMs: 60_000 }]);
    pending.shift()!();
    expect(lines[1]).toEqual({ refused: 1000, addresses: 2, reasons: { 'wrong token': 666, 'locked out': 334 }, windowMs: 60_000 });
    // A quiet interval writes nothing and ends the series; the next refusal is written at once.
    pending.shift()!();
    expect(lines).toHaveLength(2);
    expect(pending).toHaveLength(0);
    log.note('c', 'wrong token');
    expect(lines).toHaveLength(3);
    log.note('c', 'wrong token');
    log.flush();
    expect(lines[3]).toMatchObject({ refused: 1 });
  });
});

describe('dashboard token strength', () => {
  it('scores repeats and runs near zero and random tokens near their size', () => {
    for (const weak of ['aaaaaaaaaaaaaaaa', 'abcdefghijklmnopqrstuvwxyz', '0123456789012345678901', 'abababababababababab']) expect(estimateTokenBits(weak), weak).toBeLessThan(30);
    expect(estimateTokenBits('a043aa8c92e45431e860e4f855f426ac')).toBeGreaterThan(64);
  });

  it('ALPHAPULSE_SERVE_TOKEN: a guessable value is a config error that says what is expected, without echoing it', () => {
    for (const weak of ['aaaaaaaaaaaaaaaa', 'abcdefghijklmnopqrstuvwxyz', 'password1234567890', 'AAAAbbbbCCCCdddd0000']) {
      let caught: unknown;
      try {
        resolveServeToken({ ALPHAPULSE_SERVE_TOKEN: weak });
      } catch (e) {
        caught = e;
      }
      expect(caught, weak).toBeInstanceOf(AppError);
      expect((caught as AppError).errorClass).toBe('config');
      expect((caught as AppError).message).toMatch(/^ALPHAPULSE_SERVE_TOKEN is too easy to guess/);
      expect((caught as AppError).recommendation).toMatch(/openssl rand -hex 32/);
      expect(`${(caught as AppError).message} ${(caught as AppError).recommendation}`).not.toContain(weak);
    }
    expect(resolveServeToken({ ALPHAPULSE_SERVE_TOKEN: 'fixed-token-for-this-test-0123' })).toBe('fixed-token-for-this-test-0123');
    expect(resolveServeToken({ ALPHAPULSE_SERVE_TOKEN: 'a043aa8c92e45431e860e4f855f426ac' })).toBe('a043aa8c92e45431e860e4f855f426ac');
  });
});
