import { describe, expect, it } from 'vitest';
import { createScheduler, type Timers } from '../../../electron/core/sync/scheduler.js';

/** A hand-driven clock and timer queue. */
function fakeTime(start: number) {
  let now = start;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const t: Timers = {
    setTimeout: (fn, ms) => { const id = next++; timers.set(id, { at: now + ms, fn }); return id; },
    clearTimeout: (h) => { timers.delete(h as number); },
  };
  return {
    timers: t,
    now: () => new Date(now),
    pending: () => timers.size,
    /** Moves the clock, firing due timers in order (timers armed meanwhile included). */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter(([, v]) => v.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
      }
      now = end;
    },
    /** A jump of the wall clock with no timer firing (the machine slept). */
    sleep(ms: number) { now += ms; },
  };
}

const MIN = 60_000;

describe('scheduler', () => {
  it('syncs at start when the last success is older than the interval, then every interval', async () => {
    const t = fakeTime(Date.UTC(2026, 0, 1));
    const runs: number[] = [];
    const s = createScheduler({ now: t.now, timers: t.timers, lastSuccessAt: async () => new Date(t.now().getTime() - 45 * MIN), run: async () => runs.push(t.now().getTime()), onError: () => {} }, { enabled: true, intervalMinutes: 30 });
    await s.start();
    t.advance(0);
    expect(runs).toHaveLength(1);
    t.advance(29 * MIN);
    expect(runs).toHaveLength(1);
    t.advance(1 * MIN);
    expect(runs).toHaveLength(2);
    t.advance(60 * MIN);
    expect(runs).toHaveLength(4);
  });

  it('waits for the rest of the interval when the last sync is recent', async () => {
    const t = fakeTime(Date.UTC(2026, 0, 1));
    const runs: number[] = [];
    const s = createScheduler({ now: t.now, timers: t.timers, lastSuccessAt: async () => new Date(t.now().getTime() - 10 * MIN), run: async () => runs.push(1), onError: () => {} }, { enabled: true, intervalMinutes: 30 });
    await s.start();
    expect(s.status().nextRunAt?.getTime()).toBe(t.now().getTime() + 20 * MIN);
    t.advance(19 * MIN);
    expect(runs).toHaveLength(0);
    t.advance(MIN);
    expect(runs).toHaveLength(1);
  });

  it('after a sleep past several intervals, catches up with one sync, not a pile', async () => {
    const t = fakeTime(Date.UTC(2026, 0, 1));
    let runs = 0;
    const s = createScheduler({ now: t.now, timers: t.timers, lastSuccessAt: async () => t.now(), run: async () => { runs += 1; }, onError: () => {} }, { enabled: true, intervalMinutes: 30 });
    await s.start();
    t.sleep(5 * 60 * MIN);
    t.advance(60_000);
    expect(runs).toBe(1);
    expect(s.status().nextRunAt!.getTime()).toBeGreaterThan(t.now().getTime());
  });

  it('disabled: no timer, no run; re-enabled: runs when due', async () => {
    const t = fakeTime(Date.UTC(2026, 0, 1));
    let runs = 0;
    const s = createScheduler({ now: t.now, timers: t.timers, lastSuccessAt: async () => null, run: async () => { runs += 1; }, onError: () => {} }, { enabled: false, intervalMinutes: 30 });
    await s.start();
    t.advance(120 * MIN);
    expect(runs).toBe(0);
    expect(t.pending()).toBe(0);
    expect(s.status().nextRunAt).toBeNull();
    s.configure({ enabled: true, intervalMinutes: 30 });
    t.advance(0);
    expect(runs).toBe(1);
  });

  it('a manual sync pushes the next scheduled one an interval later; stop clears the timer', async () => {
    const t = fakeTime(Date.UTC(2026, 0, 1));
    let runs = 0;
    const s = createScheduler({ now: t.now, timers: t.timers, lastSuccessAt: async () => t.now(), run: async () => { runs += 1; }, onError: () => {} }, { enabled: true, intervalMinutes: 30 });
    await s.start();
    t.advance(20 * MIN);
    s.noteRun(t.now());
    t.advance(20 * MIN);
    expect(runs).toBe(0);
    t.advance(10 * MIN);
    expect(runs).toBe(1);
    s.stop();
    expect(t.pending()).toBe(0);
  });

  it('a failing run is reported and the schedule goes on', async () => {
    const t = fakeTime(Date.UTC(2026, 0, 1));
    const errors: unknown[] = [];
    const s = createScheduler({ now: t.now, timers: t.timers, lastSuccessAt: async () => null, run: async () => { throw new Error('boom'); }, onError: (e) => errors.push(e) }, { enabled: true, intervalMinutes: 1 });
    await s.start();
    t.advance(0);
    await new Promise((r) => setImmediate(r));
    expect(errors).toHaveLength(1);
    expect(t.pending()).toBe(1);
  });
});
