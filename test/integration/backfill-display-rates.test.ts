import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { NetValuePoint } from '../../shared/domain.js';
import { convertNetValuePoint } from '../../shared/format/display-currency.js';
import { smallScenario, withEuroPair } from '../fake-bybit/index.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// The small scenario (its reconstruction runs from 300 days ago to yesterday) with the
// USDT/EUR pair opened 150 days ago: 0.95 until 40 days ago, then 0.9012, then 0.92 from
// 2 days ago. Each reconstructed day carries that day's close of USDCUSDT (always 1) and,
// once listed, of USDTEUR; the days before have no euro rate, never a guessed one.
const DAY = 86_400_000;
const dayOf = (t: number) => Math.floor(t / DAY) * DAY;

describe('reconstructed days carry the display rates of their own day', () => {
  let h: SyncHarness;
  let core: Core;
  let now: number;
  let points: NetValuePoint[];
  const at = (daysAgo: number) => points.find((p) => p.source === 'backfill' && dayOf(Date.parse(p.t)) === dayOf(now - daysAgo * DAY));

  beforeAll(async () => {
    now = Date.now();
    const history = [{ from: now - 150 * DAY, price: '0.95' }, { from: now - 40 * DAY, price: '0.9012' }, { from: now - 2 * DAY, price: '0.92' }];
    h = await startHarness({ server: { scenario: withEuroPair(smallScenario(now), '0.92', { history, listedAt: now - 150 * DAY }) } });
    core = await h.core();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    points = await core.invoke('net-value:get', { range: 'all', maxPoints: 2000 });
  });
  afterAll(async () => h.close());

  it('one daily-kline request per conversion pair, shared with an asset that uses the same pair', () => {
    const daily = h.server.requests.filter((r) => r.path === '/v5/market/kline' && r.query.interval === 'D');
    expect(daily.map((r) => r.query.symbol).sort()).toEqual(['BTCUSDT', 'ETHUSDT', 'MNTUSDT', 'QBITBTC', 'USDCUSDT', 'USDTEUR']);
  });

  it('stores each day\'s close as its rate, and converts each day at its own rate', () => {
    const day35 = at(35)!;
    expect(day35.rates).toEqual({
      USD: { symbol: 'USDCUSDT', base: 'USDC', quote: 'USDT', price: '1', at: day35.t },
      EUR: { symbol: 'USDTEUR', base: 'USDT', quote: 'EUR', price: '0.9012', at: day35.t },
    });
    // 71,816.145 USDT (net-value-backfill.test.ts) × 0.9012 EUR per USDT.
    expect(day35.value).toBe('71816.145');
    expect(convertNetValuePoint(day35, 'EUR')?.value).toBe('64720.709874');
    expect(convertNetValuePoint(day35, 'USD')?.value).toBe('71816.145');
    expect(at(60)!.rates?.EUR?.price).toBe('0.95');
  });

  it('a day before the pair opened has no euro rate: not converted, not guessed', () => {
    const early = at(200)!;
    expect(early.rates?.EUR).toBeUndefined();
    expect(early.rates?.USD?.price).toBe('1');
    expect(convertNetValuePoint(early, 'EUR')).toBeNull();
    // The first listed day has one: the pair's candle of that day closes at 0.95.
    expect(at(149)!.rates?.EUR?.price).toBe('0.95');
  });

  it('the rates are stored with the snapshots, as a sync stores its own', async () => {
    const { rows } = await h.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM snapshots WHERE source = 'backfill' AND display_rates ? 'EUR'");
    const { rows: all } = await h.db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM snapshots WHERE source = 'backfill'");
    // From the listing day (150 days ago) to yesterday.
    expect(rows[0]!.n).toBe(150);
    expect(all[0]!.n).toBeGreaterThan(150);
  });
});
