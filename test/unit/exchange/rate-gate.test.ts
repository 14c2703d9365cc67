import { describe, expect, it } from 'vitest';
import { createRateGate } from '../../../electron/core/exchange/rate-gate.js';

/** A clock that only moves when the gate sleeps: start times are exact. */
function virtualTime() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => { now += ms; } };
}

describe('per-endpoint rate gate', () => {
  it('starts at most `limit` requests in any rolling second, in call order', async () => {
    const t = virtualTime();
    const gate = createRateGate(3, t);
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 7 }, async () => { await gate.take(); starts.push(t.now()); }));
    expect(starts).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  it('follows the limit the exchange reports', async () => {
    const t = virtualTime();
    const gate = createRateGate(2, t);
    gate.update({ limit: 50 });
    expect(gate.limit()).toBe(50);
    const starts: number[] = [];
    for (let i = 0; i < 50; i++) { await gate.take(); starts.push(t.now()); }
    expect(starts.every((s) => s === 0)).toBe(true);
    gate.update({ limit: 0 }); // nonsense is ignored
    expect(gate.limit()).toBe(50);
  });

  it('holds every start until the reset when the window ran out', async () => {
    const t = virtualTime();
    const gate = createRateGate(10, t);
    gate.update({ remaining: 0, resetAt: 750 });
    await gate.take();
    expect(t.now()).toBe(750);
    gate.blockUntil(2000);
    await gate.take();
    expect(t.now()).toBe(2000);
  });
});
