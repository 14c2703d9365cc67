import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { Dec } from '../../electron/core/portfolio/decimal.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// The small scenario (test/fake-bybit/scenario.ts, history-scenario.ts): its oldest record is
// the 0.5 BTC deposit 300 days ago. The first sync must show its net value every day since,
// reconstructed from every flow (trades, deposits, withdrawals, transfers, converts,
// derivative settlement) and valued at each day's close, not a single point.
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

  it('stores one point a day from the oldest record to the day before the first sync', async () => {
    const points = await core.invoke('net-value:get', { range: 'all', maxPoints: 2000 });
    const backfill = points.filter((p) => p.source === 'backfill');
    const first = dayOf(syncedAt - 300 * DAY + 3 * 3_600_000);
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
    // 35 days ago: BTC 0.9994 (deposit 0.5 − withdrawal 0.1002 + 0.3996 + 0.2 bought; the 0.0396
    // sale, the ETHBTC spend and the 0.40038161 sent to a sub-account come later) at 65000 = 64961;
    // no ETH yet; USDT 4440.223 (14518.18225 − 0.165 − 12.67875 + 6000 − 16000 − 75 − 0.055 + 9.9395);
    // USDC 1050 (14050 deposited − 13000 on BTCUSDC; the convert comes later); MNT 49.94 at 1.3 =
    // 64.922; QBIT 1000 (deposited 80 days ago) at 0.00002 × 65000 = 1300; XNOP has no price.
    expect(at(35)).toBe('71816.145');
  });

  it('a deposit enters the history on its day: the coin was not held before it', async () => {
    const points = await core.invoke('net-value:get', { range: 'all', maxPoints: 2000 });
    const at = (daysAgo: number) => points.find((p) => dayOf(Date.parse(p.t)) === dayOf(syncedAt - daysAgo * DAY))?.value;
    // Nothing else moved between these two days: the difference is the 6000 USDT deposit 95 days ago.
    expect(new Dec(at(95)!).minus(at(96)!).toString()).toBe('6000');
    // Before the 14050 USDC deposit 100 days ago the account held no USDC: 14050 less.
    expect(new Dec(at(100)!).minus(at(101)!).toString()).toBe('14050');
    // Before the oldest record (the BTC deposit 300 days ago) there is no point at all.
    expect(at(301)).toBeUndefined();
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
