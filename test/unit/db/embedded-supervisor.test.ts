import { describe, expect, it } from 'vitest';
import type { EmbeddedHandle } from '../../../electron/core/db/embedded-server.js';
import { superviseEmbeddedServer } from '../../../electron/core/db/embedded-supervisor.js';

const quiet = { debug() {}, info() {}, warn() {} };

function handle(pid: number, port: number, stops: number[] = []): EmbeddedHandle {
  return {
    host: '127.0.0.1', port, user: 'postgres', password: 'pw', database: 'alphapulse', owned: true, dataDir: '/d', postmasterPid: pid,
    stop: async () => { stops.push(pid); },
  };
}

describe('superviseEmbeddedServer', () => {
  it('starts nothing while the postmaster lives', async () => {
    let starts = 0;
    const s = superviseEmbeddedServer(handle(10, 5000), { start: async () => { starts++; return handle(11, 5001); }, log: quiet, isAlive: () => true });
    expect(await s.recover()).toBe(false);
    expect(starts).toBe(0);
    expect(s.current().port).toBe(5000);
  });

  it('starts a dead one again once for concurrent callers, and uses the new port', async () => {
    let starts = 0;
    const alive = new Set<number>();
    const s = superviseEmbeddedServer(handle(10, 5000), {
      start: async () => { starts++; alive.add(11); return handle(11, 5001); }, log: quiet, isAlive: (pid) => alive.has(pid),
    });
    expect(await Promise.all([s.recover(), s.recover(), s.recover()])).toEqual([true, true, true]);
    expect(starts).toBe(1);
    expect(s.current()).toMatchObject({ port: 5001, postmasterPid: 11 });
    expect(await s.recover()).toBe(false); // the new one lives
  });

  it('waits before trying again after a failed start, and never restarts after stop', async () => {
    let starts = 0;
    let clock = 0;
    const stops: number[] = [];
    const s = superviseEmbeddedServer(handle(10, 5000, stops), {
      start: async () => { starts++; throw new Error('disk full'); }, log: quiet, isAlive: () => false, now: () => clock, retryAfterMs: 1000,
    });
    expect(await s.recover()).toBe(false);
    expect(await s.recover()).toBe(false);
    expect(starts).toBe(1);
    clock = 1000;
    expect(await s.recover()).toBe(false);
    expect(starts).toBe(2);
    await s.stop();
    clock = 5000;
    expect(await s.recover()).toBe(false);
    expect(starts).toBe(2);
    expect(stops).toEqual([10]);
  });
});
