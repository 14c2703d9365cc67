import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAssetValues } from '../../electron/core/db/repositories/asset-values-repo.js';
import { apiInputs } from '../../shared/api.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

// Two accounts' measured snapshots with their items, a reconstructed day with none, and
// a removed account: each asset's value at each point is every chosen account's latest
// snapshot up to then, quantity × price, summed exactly.
describe('each asset\'s value over time (snapshot items, real PostgreSQL)', () => {
  let db: TestDatabase;
  const t0 = Date.UTC(2026, 0, 1);
  const at = (minutes: number) => new Date(t0 + minutes * 60_000);
  const eur = (price: string) => JSON.stringify({ EUR: { symbol: 'USDTEUR', base: 'USDT', quote: 'EUR', price } });

  const snapshot = async (account: number, minutes: number, source: 'sync' | 'backfill', rates: string, items: Array<[string, string, string | null]>) => {
    const { rows } = await db.pool.query<{ id: string }>(
      'INSERT INTO snapshots (account_id, taken_at, quote, total_value, source, display_rates) VALUES ($1, $2, \'USDT\', 0, $3, $4) RETURNING id', [account, at(minutes), source, rates]);
    for (const [asset, quantity, price] of items) {
      await db.pool.query('INSERT INTO snapshot_items (snapshot_id, asset, quantity, price) VALUES ($1, $2, $3, $4)', [rows[0]!.id, asset, quantity, price]);
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query("INSERT INTO accounts (id, exchange_id, account) VALUES (1, 'bybit', 'a'), (2, 'bybit', 'b'), (3, 'bybit', 'gone')");
    await db.pool.query("UPDATE accounts SET removed_at = now() WHERE id = 3");
    // A reconstructed day: no items, never a point of this chart.
    await snapshot(1, -1440, 'backfill', '{}', []);
    // a: 0.5 BTC at 90,000.10 and 1,000.25 USDT at 1; later 0.75 BTC at 91,000 and 3 QBIT without a price.
    await snapshot(1, 0, 'sync', eur('0.9'), [['BTC', '0.5', '90000.10'], ['USDT', '1000.25', '1']]);
    await snapshot(1, 60, 'sync', eur('0.92'), [['BTC', '0.75', '91000'], ['USDT', '1000.25', '1'], ['QBIT', '3', null]]);
    // b: 2.5 ETH at 3,000.04 and 0.1 BTC at 90,500; no rates stored.
    await snapshot(2, 30, 'sync', '{}', [['ETH', '2.5', '3000.04'], ['BTC', '0.1', '90500']]);
    // The removed account counts nowhere.
    await snapshot(3, 45, 'sync', '{}', [['BTC', '100', '90000']]);
  });
  afterAll(async () => db.drop());

  it('sums quantity × price per asset across the accounts\' latest measured snapshots, exactly', async () => {
    const points = await readAssetValues(db.pool, { since: null, account: null, maxPoints: 500 });
    // From minute 30, when both accounts have synced: at minute 0 only a had, and a point
    // with a's coins and nothing of b's would read as b's coins arriving later.
    expect(points.map((p) => p.t)).toEqual([at(30), at(60)].map((d) => d.toISOString()));
    expect(points.map((p) => p.values)).toEqual([
      // a's first snapshot and b's: BTC 45,000.05 + 9,050.
      { BTC: '54050.05', USDT: '1000.25', ETH: '7500.1' },
      // a's second and b's: BTC 68,250 + 9,050; QBIT held but unpriced.
      { BTC: '77300', USDT: '1000.25', ETH: '7500.1', QBIT: null },
    ]);
  });

  it('carries the newest stored rate of each currency among the point\'s snapshots', async () => {
    const points = await readAssetValues(db.pool, { since: null, account: null, maxPoints: 500 });
    // At minute 30 b's snapshot is newer but stores no euro rate: a's 0.9 is the one.
    expect(points.map((p) => p.rates.EUR?.price)).toEqual(['0.9', '0.92']);
    expect(points[0]!.rates.EUR).toEqual({ symbol: 'USDTEUR', base: 'USDT', quote: 'EUR', price: '0.9', at: at(30).toISOString() });
  });

  it('filters by account and by time, and thins to at most maxPoints keeping the first and newest', async () => {
    const b = await readAssetValues(db.pool, { since: null, account: { exchangeId: 'bybit', account: 'b' }, maxPoints: 500 });
    expect(b).toEqual([{ t: at(30).toISOString(), values: { ETH: '7500.1', BTC: '9050' }, rates: {} }]);
    const late = await readAssetValues(db.pool, { since: at(40), account: null, maxPoints: 500 });
    expect(late.map((p) => p.t)).toEqual([at(60).toISOString()]);
    const upTo = await readAssetValues(db.pool, { since: null, until: at(60), account: null, maxPoints: 500 });
    expect(upTo.map((p) => p.t)).toEqual([at(30).toISOString()]);
    // Account a alone starts at its own first sync.
    const a = await readAssetValues(db.pool, { since: null, account: { exchangeId: 'bybit', account: 'a' }, maxPoints: 1 });
    expect(a.map((p) => p.t)).toEqual([at(60).toISOString()]);
    const aAll = await readAssetValues(db.pool, { since: null, account: { exchangeId: 'bybit', account: 'a' }, maxPoints: 500 });
    expect(aAll.map((p) => p.t)).toEqual([at(0).toISOString(), at(60).toISOString()]);
    expect(await readAssetValues(db.pool, { since: null, account: { exchangeId: 'bybit', account: 'gone' }, maxPoints: 500 })).toEqual([]);
  });

  it('the call validates its input like the net value\'s', () => {
    expect(apiInputs['net-value:assets'].parse(undefined)).toEqual({ range: '30d', account: null, maxPoints: 500, from: null, to: null });
    expect(apiInputs['net-value:assets'].safeParse({ maxPoints: 1 }).success).toBe(false);
    expect(apiInputs['net-value:assets'].safeParse({ range: 'forever' }).success).toBe(false);
  });
});
