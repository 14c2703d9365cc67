import { describe, expect, it } from 'vitest';
import { breakerState } from '../../../electron/core/sync/breaker.js';

const at = (min: number) => new Date(Date.UTC(2026, 0, 1, 0, min));
const fail = (min: number, errorClass = 'auth') => ({ success: false, endTime: at(min), errorClass });
const ok = (min: number) => ({ success: true, endTime: at(min), errorClass: null });

describe('circuit breaker state (from the latest runs, newest first)', () => {
  it('is closed below three failures in a row', () => {
    expect(breakerState([], at(0))).toEqual({ state: 'closed', consecutiveFailures: 0, cooldownRemainingSeconds: null, lastErrorClass: null });
    expect(breakerState([fail(2), fail(1), ok(0)], at(3))).toMatchObject({ state: 'closed', consecutiveFailures: 2, lastErrorClass: 'auth' });
  });

  it('opens on the third failure for ten minutes, then allows one trial', () => {
    const runs = [fail(5, 'network'), fail(4), fail(3), ok(0)];
    expect(breakerState(runs, at(6))).toEqual({ state: 'open', consecutiveFailures: 3, cooldownRemainingSeconds: 540, lastErrorClass: 'network' });
    expect(breakerState(runs, at(15))).toMatchObject({ state: 'half-open', cooldownRemainingSeconds: 0 });
  });

  it('a failed trial opens it again for another cooldown; a success closes it', () => {
    expect(breakerState([fail(16), fail(5), fail(4), fail(3)], at(17))).toMatchObject({ state: 'open', consecutiveFailures: 4, cooldownRemainingSeconds: 540 });
    expect(breakerState([ok(16), fail(5), fail(4), fail(3)], at(17))).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });

  it('honours a custom policy', () => {
    expect(breakerState([fail(0)], at(0), { threshold: 1, cooldownMs: 60_000 })).toMatchObject({ state: 'open', cooldownRemainingSeconds: 60 });
  });
});
