import { describe, expect, it } from 'vitest';
import { planMinuteBatches } from '../../../electron/core/exchange/bybit/bybit-usdt-rates.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);

describe('planMinuteBatches', () => {
  it('is empty when no price is needed', () => {
    expect(planMinuteBatches([])).toEqual([]);
  });

  it('asks for one candle for a lone fill, from the start of its minute to its last millisecond', () => {
    expect(planMinuteBatches([T0 + 42_123])).toEqual([{ start: T0, end: T0 + MINUTE - 1 }]);
  });

  it('puts fills of the same minute and nearby minutes in one request, in time order', () => {
    const times = [T0 + 5 * MINUTE + 1, T0 + 10, T0 + 20, T0 + 999 * MINUTE + 59_999];
    expect(planMinuteBatches(times)).toEqual([{ start: T0, end: T0 + 1000 * MINUTE - 1 }]);
  });

  it('starts a new request at the 1,001st minute', () => {
    expect(planMinuteBatches([T0, T0 + 1000 * MINUTE])).toEqual([
      { start: T0, end: T0 + MINUTE - 1 },
      { start: T0 + 1000 * MINUTE, end: T0 + 1001 * MINUTE - 1 },
    ]);
  });

  it('never spans more candles than a request may return', () => {
    const times = Array.from({ length: 5000 }, (_, i) => T0 + i * 37 * 1000);
    const batches = planMinuteBatches(times, 100);
    for (const b of batches) expect((b.end + 1 - b.start) / MINUTE).toBeLessThanOrEqual(100);
    // Every needed minute is inside exactly one batch.
    for (const t of times) expect(batches.filter((b) => b.start <= t && t <= b.end)).toHaveLength(1);
    expect(batches.length).toBe(Math.ceil((times.at(-1)! - T0 + 1) / (100 * MINUTE)));
  });
});
