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

  it('leaves the margin it is given between windows, for arrivals closer than the sends', async () => {
    const t = virtualTime();
    const gate = createRateGate(2, { ...t, marginMs: 100 });
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 5 }, async () => { await gate.take(); starts.push(t.now()); }));
    expect(starts).toEqual([0, 0, 1100, 1100, 2200]);
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

  it('ignores limits that make no sense, and rounds a fractional one down', () => {
    const t = virtualTime();
    const gate = createRateGate(5, t);
    for (const limit of [Number.NaN, Number.POSITIVE_INFINITY, 0.5, 0, -3]) {
      gate.update({ limit });
      expect(gate.limit(), String(limit)).toBe(5);
    }
    gate.update({});
    expect(gate.limit()).toBe(5);
    gate.update({ limit: 1 });
    expect(gate.limit()).toBe(1);
    gate.update({ limit: 7.9 });
    expect(gate.limit()).toBe(7);
    expect(createRateGate(0, t).limit()).toBe(1);
  });

  it('blocks only when the window ran out and its reset is a real time', async () => {
    const cases: Array<{ remaining?: number; resetAt?: number }> = [
      { remaining: 1, resetAt: 900 },
      { remaining: 0 },
      { resetAt: 900 },
      { remaining: 0, resetAt: Number.NaN },
      { remaining: 0, resetAt: Number.POSITIVE_INFINITY },
    ];
    for (const info of cases) {
      const t = virtualTime();
      const gate = createRateGate(10, t);
      gate.update(info);
      await gate.take();
      expect(t.now(), JSON.stringify(info)).toBe(0);
    }
    const t = virtualTime();
    const gate = createRateGate(10, t);
    gate.update({ remaining: -1, resetAt: 300 });
    await gate.take();
    expect(t.now()).toBe(300);
  });

  it('a later block is never shortened by an earlier one', async () => {
    const t = virtualTime();
    const gate = createRateGate(10, t);
    gate.blockUntil(2000);
    gate.blockUntil(500);
    gate.update({ remaining: 0, resetAt: 1000 });
    await gate.take();
    expect(t.now()).toBe(2000);
  });

  it('a start leaves the window exactly one second later', async () => {
    const clock = { now: 0 };
    const sleeps: number[] = [];
    const gate = createRateGate(1, { now: () => clock.now, sleep: async (ms) => { sleeps.push(ms); clock.now += ms; } });
    await gate.take();
    clock.now = 999;
    await gate.take();
    expect(sleeps).toEqual([1]);
    clock.now = 2000;
    await gate.take();
    expect(sleeps).toEqual([1]);
  });

  it('a take that fails does not stall the ones after it', async () => {
    const clock = { now: 0 };
    let fail = true;
    const gate = createRateGate(1, {
      now: () => clock.now,
      sleep: async (ms) => {
        if (fail) { fail = false; throw new Error('sleep failed'); }
        clock.now += ms;
      },
    });
    await gate.take();
    await expect(gate.take()).rejects.toThrow('sleep failed');
    await gate.take();
    expect(clock.now).toBe(1000);
  });
});
