import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// The small scenario (test/fake-bybit/scenario.ts) traded from 60 days ago: the first sync
// must show its net value every day since, reconstructed from the trades and valued at
// each day's close, not a single point.
const DAY = 86_400_000;
const dayOf = (t: number) => Math.floor(t / DAY) * DAY;

describe('net value backfilled from the trade history on the first sync', () => {
  let h: SyncHarness;
  let core: Core;
  let syncedAt: number;

  beforeAll(async () => {
    h = await startHarness();
    core = await h.core();
    syncedAt = h.server.now();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
  });
  afterAll(async () => h.close());

  it('stores one point a day from the first trade to the day before the first sync', async () => {
    const points = await core.invoke('net-value:get', { range: 'all', maxPoints: 2000 });
    const backfill = points.filter((p) => p.source === 'backfill');
    const first = dayOf(syncedAt - 60 * DAY + 3 * 3_600_000);
    const last = dayOf(syncedAt) - DAY;
    expect(backfill.map((p) => dayOf(Date.parse(p.t)))).toEqual(Array.from({ length: (last - first) / DAY + 1 }, (_, i) => first + i * DAY));
    expect(backfill.every((p) => !p.estimated)).toBe(true);
    // After them, the sync's own point.
    // The measured point adds the open position's unrealised P&L (500); reconstructed days hold wallets only.
    expect(points.at(-1)).toMatchObject({ source: 'sync', value: '62605.922' });
  });

  it('values each day\'s reconstructed holdings at that day\'s close', async () => {
    const points = await core.invoke('net-value:get', { range: 'all', maxPoints: 2000 });
    const at = (daysAgo: number) => points.find((p) => dayOf(Date.parse(p.t)) === dayOf(syncedAt - daysAgo * DAY))?.value;
    // Yesterday: today's holdings at today's prices (QBIT through QBITBTC × BTCUSDT).
    expect(at(1)).toBe('62105.922');
    // 35 days ago: BTC 0.5996 at 65000, no ETH yet, USDT 4585.168, USDC 1000, MNT 49.94 at 1.3,
    // QBIT 1000 at 0.00002 × 65000.
    expect(at(35)).toBe('45924.09');
  });

  it('one daily-kline request per symbol, and none on the next sync', async () => {
    const daily = h.server.requests.filter((r) => r.path === '/v5/market/kline' && r.query.interval === 'D');
    expect(daily.map((r) => r.query.symbol).sort()).toEqual(['BTCUSDT', 'ETHUSDT', 'MNTUSDT', 'QBITBTC', 'USDCUSDT']);
    h.server.clearRequests();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    expect(h.server.requests.filter((r) => r.path === '/v5/market/kline')).toEqual([]);
    const { rows } = await h.db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM snapshots WHERE source = 'backfill'");
    expect(rows[0]!.n).toBeGreaterThan(55);
  });
});
