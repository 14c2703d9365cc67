import { describe, expect, it } from 'vitest';
import { breakerState } from '../../../electron/core/sync/breaker.js';

const at = (min: number) => new Date(Date.UTC(2026, 0, 1, 0, min));
const fail = (min: number, errorClass = 'network') => ({ success: false, endTime: at(min), errorClass });

describe('circuit breaker and cancelled syncs', () => {
  it('a sync stopped on purpose neither counts as a failure nor breaks a run of failures', () => {
    const cancelled = (min: number) => fail(min, 'cancelled');
    expect(breakerState([cancelled(3), cancelled(2), cancelled(1)], at(4))).toMatchObject({ state: 'closed', consecutiveFailures: 0, lastErrorClass: null });
    expect(breakerState([cancelled(6), fail(5), fail(4, 'auth'), cancelled(3), fail(2)], at(7)))
      .toMatchObject({ state: 'open', consecutiveFailures: 3, lastErrorClass: 'network' });
  });
});
