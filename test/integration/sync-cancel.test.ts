import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { withHarness, type SyncHarness } from '../helpers/sync-harness.js';

// A sync that is stopped (deadline, cancel, quit) stops for real: no request starts
// after it, and nothing of it is written but its failure in the history. The first
// sync walks two years of trades in 7-day windows (over 100 requests, paced at Bybit's
// rate), and every answer is slowed down, so there is always more it would still send.

const SLOW = { kind: 'latency', ms: 150 } as const;
/** Long enough for any request the client would still start to show in the fake's log. */
const QUIET_MS = 1500;

async function stored(h: SyncHarness): Promise<Record<string, unknown>> {
  const { rows } = await h.db.pool.query<Record<string, unknown>>(
    `SELECT (SELECT count(*) FROM fills)::int AS fills, (SELECT count(*) FROM balances)::int AS balances,
            (SELECT count(*) FROM positions)::int AS positions, (SELECT count(*) FROM snapshots)::int AS snapshots,
            (SELECT count(*) FROM portfolio_items)::int AS items, (SELECT count(*) FROM prices)::int AS prices,
            (SELECT count(*) FROM accounts WHERE fills_cursor IS NOT NULL OR last_success_at IS NOT NULL)::int AS synced_accounts`);
  return rows[0]!;
}

const NOTHING = { fills: 0, balances: 0, positions: 0, snapshots: 0, items: 0, prices: 0, synced_accounts: 0 };

/** No request reached the fake after `since` (waiting a while for stragglers). */
async function expectNoRequestAfter(h: SyncHarness, since: number): Promise<void> {
  const total = h.server.requests.length;
  await sleep(QUIET_MS);
  expect(h.server.requests.filter((r) => r.startedAt > since).map((r) => r.path)).toEqual([]);
  expect(h.server.requests).toHaveLength(total);
}

async function lastRun(core: Core) {
  const [run] = await core.invoke('history:list', { limit: 1 });
  return run;
}

/** Waits until the sync has sent some requests (it is under way). */
async function underway(h: SyncHarness, n = 5): Promise<void> {
  while (h.server.requests.filter((r) => r.path === '/v5/execution/list').length < n) await sleep(20);
}

describe('cancellation', () => {
  it('the deadline stops every request of the sync, rolls back and records the failure', () => withHarness({}, async (h) => {
    h.server.addFault(SLOW);
    const core = await h.core({ tuning: { syncDeadlineMs: 1500 } });
    const r = await core.sync.syncAll('test');
    const returnedAt = Date.now();
    expect(r.ok).toBe(false);
    expect(r.accounts[0]?.error).toMatchObject({ errorClass: 'network', message: expect.stringMatching(/did not finish within 2 s/) });
    // It had more to read: the two-year walk alone is over 100 windows.
    expect(h.server.countRequests('/v5/execution/list')).toBeLessThan(100);
    await expectNoRequestAfter(h, returnedAt);
    expect(await stored(h)).toEqual(NOTHING);
    expect(await lastRun(core)).toMatchObject({ success: false, error: { errorClass: 'network' } });
  }));

  it('sync.cancel(reason) stops a running sync at once: rolled back, recorded as cancelled', () => withHarness({}, async (h) => {
    h.server.addFault(SLOW);
    const core = await h.core();
    const running = core.sync.syncAll('test');
    await underway(h);
    await core.sync.cancel('the user asked');
    const cancelledAt = Date.now();
    const r = await running;
    expect(r.accounts[0]?.error).toMatchObject({ errorClass: 'cancelled', message: 'The sync was stopped: the user asked' });
    await expectNoRequestAfter(h, cancelledAt);
    expect(await stored(h)).toEqual(NOTHING);
    expect(await lastRun(core)).toMatchObject({ success: false, error: { errorClass: 'cancelled' } });
    // The next sync is a normal one.
    h.server.clearFaults();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
  }));

  it('core.close({ cancelRunning: true }) cancels the running sync instead of waiting for it', () => withHarness({}, async (h) => {
    h.server.addFault(SLOW);
    const core = await h.core();
    const running = core.sync.syncAll('test');
    await underway(h);
    await core.close({ cancelRunning: true, reason: 'quitting' });
    const closedAt = Date.now();
    expect((await running).accounts[0]?.error).toMatchObject({ errorClass: 'cancelled', message: 'The sync was stopped: quitting' });
    await expectNoRequestAfter(h, closedAt);
    expect(await stored(h)).toEqual(NOTHING);
    const { rows } = await h.db.pool.query<{ success: boolean; error_class: string }>('SELECT success, error_class FROM sync_history');
    expect(rows).toEqual([{ success: false, error_class: 'cancelled' }]);
  }));
});
