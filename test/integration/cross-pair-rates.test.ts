import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneScenario, emptyHistory, smallScenario, type Fill, type Scenario } from '../fake-bybit/index.js';
import { priceAt } from '../fake-bybit/prices.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// Cross-pair fills and fees in a third coin are valued at the USDT price of the fill's own
// minute, for every fill: a cold import and a sync that picks the same fills up one by one
// must store the same rates and give the same averages, to the last digit.
const MINUTE = 60_000;
const HOUR = 3_600_000;

/** BTC climbs 500 USDT an hour over the last eight hours: a daily figure would be off. */
function movingScenario(now: number): Scenario {
  // The trades alone: deposits would add their own minute prices to the requests.
  const s = { ...smallScenario(now), history: emptyHistory() };
  const btc = s.spot.find((m) => m.symbol === 'BTCUSDT')!;
  const steps = Array.from({ length: 8 }, (_, i) => ({ from: now - (8 - i) * HOUR, price: String(88000 + 500 * i) }));
  btc.history = [...(btc.history ?? []), ...steps];
  return s;
}

/** Seven ETHBTC buys, one per hour, half past; two of them pay their fee in MNT. */
function crossFills(now: number): Fill[] {
  return Array.from({ length: 7 }, (_, i) => ({
    category: 'spot' as const, symbol: 'ETHBTC', side: 'Buy' as const, execQty: '0.5', execPrice: '0.0333',
    execTime: now - (8 - i) * HOUR + 30 * MINUTE + 7_000, execId: `cross-${i}`,
    ...(i % 3 === 0 ? { execFee: '0.4', feeCurrency: 'MNT' } : {}),
  }));
}

interface RateRow { fill_id: string; quote_usdt_rate: string | null; fee_usdt_rate: string | null; executed_at: Date }

async function crossRates(h: SyncHarness): Promise<RateRow[]> {
  const { rows } = await h.db.pool.query<RateRow>("SELECT fill_id, quote_usdt_rate, fee_usdt_rate, executed_at FROM fills WHERE fill_id LIKE 'cross-%' ORDER BY fill_id");
  return rows;
}

describe('cross-pair and third-coin fee rates from each fill minute', () => {
  let incremental: SyncHarness;
  let cold: SyncHarness;
  const now = Date.now();

  beforeAll(async () => {
    const scenario = movingScenario(now);
    const fills = crossFills(now);
    // Incremental: the first three fills are there at the first sync, the other four arrive later.
    scenario.fills.push(...fills.slice(0, 3));
    incremental = await startHarness({ server: { scenario } });
    const core = await incremental.core();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    // The later fills happen after the first sync: the next sync imports them as new.
    const later = incremental.server.now() - 1_000;
    for (const [i, f] of fills.slice(3).entries()) incremental.server.addFill({ ...f, execTime: later + i * 10 });
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    // Cold: the very same fills, all imported by one first sync.
    cold = await startHarness({ server: { scenario: cloneScenario(incremental.server.scenario) } });
    expect((await (await cold.core()).sync.syncAll('test')).ok).toBe(true);
  });
  afterAll(async () => {
    await incremental?.close();
    await cold?.close();
  });

  it('stores each cross fill at the close of its own 1-minute candle', async () => {
    const btc = cold.server.scenario.spot.find((m) => m.symbol === 'BTCUSDT')!;
    const mnt = cold.server.scenario.spot.find((m) => m.symbol === 'MNTUSDT')!;
    const rows = await crossRates(cold);
    expect(rows).toHaveLength(7);
    for (const r of rows) {
      const minuteEnd = Math.floor(r.executed_at.getTime() / MINUTE) * MINUTE + MINUTE - 1;
      expect(r.quote_usdt_rate).toBe(priceAt(btc, minuteEnd));
    }
    // The first three were bought while BTC stood at 88000, 88500 and 89000: seven different hours, several prices.
    expect(rows.slice(0, 3).map((r) => r.quote_usdt_rate)).toEqual(['88000', '88500', '89000']);
    const feeRows = rows.filter((r) => r.fee_usdt_rate !== null);
    expect(feeRows.map((r) => r.fill_id)).toEqual(['cross-0', 'cross-3', 'cross-6']);
    for (const r of feeRows) expect(r.fee_usdt_rate).toBe(priceAt(mnt, Math.floor(r.executed_at.getTime() / MINUTE) * MINUTE + MINUTE - 1));
  });

  it('asks for 1-minute candles only, nearby minutes in one request', async () => {
    // Daily candles are the net-value backfill's, asked for once per coin after the import.
    const klines = cold.server.requests.filter((r) => r.path === '/v5/market/kline' && r.query.interval !== 'D');
    expect(new Set(klines.map((r) => r.query.interval))).toEqual(new Set(['1']));
    // BTC: the inverse BTCUSD trades' fees (in BTC) 25 and 22 days ago, the ETHBTC fill 20
    // days ago, then today's burst (within 1,000 minutes); MNT: the BTCUSDC fee 45 days ago,
    // then today's burst.
    expect(klines.map((r) => `${r.query.symbol}`).sort()).toEqual(['BTCUSDT', 'BTCUSDT', 'BTCUSDT', 'BTCUSDT', 'MNTUSDT', 'MNTUSDT']);
    for (const r of klines) expect(Number(r.query.end) - Number(r.query.start) + 1).toBeLessThanOrEqual(1000 * MINUTE);
  });

  it('a cold import and an incremental one give the same rates and averages', async () => {
    const strip = (rows: RateRow[]) => rows.map(({ fill_id, quote_usdt_rate, fee_usdt_rate }) => ({ fill_id, quote_usdt_rate, fee_usdt_rate }));
    const [a, b] = [await crossRates(incremental), await crossRates(cold)];
    expect(a).toHaveLength(7);
    expect(strip(b)).toEqual(strip(a));
    const averages = async (h: SyncHarness) => {
      const { rows } = await h.db.pool.query<{ asset: string; avg_entry_price: string | null }>('SELECT asset, avg_entry_price FROM portfolio_items ORDER BY asset');
      return rows;
    };
    const [avgA, avgB] = [await averages(incremental), await averages(cold)];
    expect(avgA.find((r) => r.asset === 'ETH')?.avg_entry_price).toBeTruthy();
    expect(avgB).toEqual(avgA);
  });
});
