import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNetValue } from '../../electron/core/db/repositories/read-repo.js';
import { convertNetValuePoint } from '../../shared/format/display-currency.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

describe('net value history (SQL running sum and thinning)', () => {
  let db: TestDatabase;
  const t0 = Date.UTC(2026, 0, 1);
  const at = (minutes: number) => new Date(t0 + minutes * 60_000);

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query("INSERT INTO accounts (id, exchange_id, account) VALUES (1, 'bybit', 'a'), (2, 'bybit', 'b')");
    // Account a: 100, 110, 120 at minutes 0, 30, 60; account b: 1000.5 at minute 31, 900 at 61.
    await db.pool.query(`INSERT INTO snapshots (account_id, taken_at, quote, total_value) VALUES
      (1, $1, 'USDT', 100), (1, $2, 'USDT', 110), (2, $3, 'USDT', 1000.5), (1, $4, 'USDT', 120), (2, $5, 'USDT', 900)`,
    [at(0), at(30), at(31), at(60), at(61)]);
  });
  afterAll(async () => db.drop());

  it('sums each account\'s latest value at every point, exactly', async () => {
    const points = await readNetValue(db.pool, { since: null, account: null, maxPoints: 500 });
    expect(points.map((p) => p.value)).toEqual(['100', '110', '1110.5', '1120.5', '1020']);
    expect(points[2]!.t).toBe(at(31).toISOString());
    // Rows written without the split count wholly as wallet value.
    expect(points[2]).toMatchObject({ walletValue: '1110.5', unrealisedPnl: '0' });
  });

  it('splits each point into wallet value and unrealised P&L', async () => {
    const t = at(-10);
    await db.pool.query("INSERT INTO accounts (id, exchange_id, account) VALUES (3, 'bybit', 'c')");
    await db.pool.query("INSERT INTO snapshots (account_id, taken_at, quote, total_value, wallet_value, unrealised_pnl) VALUES (3, $1, 'USDT', 1050, 1000, 50)", [t]);
    const [first] = await readNetValue(db.pool, { since: null, account: { exchangeId: 'bybit', account: 'c' }, maxPoints: 500 });
    // A row without a recorded cost (as every row from before costs were stored): unknown, never 0.
    expect(first).toEqual({
      t: t.toISOString(), value: '1050', walletValue: '1000', unrealisedPnl: '50', source: 'sync', estimated: false, rates: {},
      costBasis: null, unrealisedSpot: null, costPartial: false,
    });
    await db.pool.query('DELETE FROM accounts WHERE id = 3');
  });

  it('each point carries the display rates of its own newest snapshot, not today\'s', async () => {
    await db.pool.query("INSERT INTO accounts (id, exchange_id, account) VALUES (4, 'bybit', 'd')");
    const eur = (price: string) => JSON.stringify({ EUR: { symbol: 'USDTEUR', base: 'USDT', quote: 'EUR', price } });
    await db.pool.query(`INSERT INTO snapshots (account_id, taken_at, quote, total_value, display_rates) VALUES
      (4, $1, 'USDT', 100, $3), (4, $2, 'USDT', 200, $4)`, [at(1000), at(1030), eur('0.9'), eur('0.95')]);
    const points = await readNetValue(db.pool, { since: null, account: { exchangeId: 'bybit', account: 'd' }, maxPoints: 500 });
    expect(points.map((p) => p.rates?.EUR?.price)).toEqual(['0.9', '0.95']);
    expect(points[0]!.rates?.EUR).toEqual({ symbol: 'USDTEUR', base: 'USDT', quote: 'EUR', price: '0.9', at: at(1000).toISOString() });
    // Converted at each point's own rate: 100 × 0.9 and 200 × 0.95.
    expect(points.map((p) => convertNetValuePoint(p, 'EUR')?.value)).toEqual(['90', '190']);
    expect(convertNetValuePoint({ ...points[0]!, rates: {} }, 'EUR')).toBeNull();
    expect(convertNetValuePoint(points[0]!, 'USDT')).toBe(points[0]);
    await db.pool.query('DELETE FROM accounts WHERE id = 4');
  });

  it('a total over accounts takes each currency from the newest snapshot that has it', async () => {
    await db.pool.query("INSERT INTO accounts (id, exchange_id, account) VALUES (5, 'bybit', 'e'), (6, 'okx', 'f')");
    const rate = (symbol: string, base: string, quote: string, price: string) => ({ symbol, base, quote, price });
    // bybit/e at minute 2000 knows USD and EUR; okx/f at 2001 knows only USD (no euro pair there).
    await db.pool.query(`INSERT INTO snapshots (account_id, taken_at, quote, total_value, display_rates) VALUES (5, $1, 'USDT', 100, $3), (6, $2, 'USDT', 50, $4)`,
      [at(2000), at(2001), JSON.stringify({ USD: rate('USDCUSDT', 'USDC', 'USDT', '1.001'), EUR: rate('USDTEUR', 'USDT', 'EUR', '0.9') }), JSON.stringify({ USD: rate('USDCUSDT', 'USDC', 'USDT', '0.999') })]);
    const points = await readNetValue(db.pool, { since: at(2000), account: null, maxPoints: 500 });
    await db.pool.query('DELETE FROM accounts WHERE id IN (5, 6)');
    const last = points.at(-1)!;
    expect(last.t).toBe(at(2001).toISOString());
    expect(last.rates).toEqual({
      USD: { ...rate('USDCUSDT', 'USDC', 'USDT', '0.999'), at: at(2001).toISOString() },
      EUR: { ...rate('USDTEUR', 'USDT', 'EUR', '0.9'), at: at(2001).toISOString() },
    });
  });

  it('adds the accounts\' cost of holdings at each point; unknown when any part was never recorded', async () => {
    await db.pool.query("INSERT INTO accounts (id, exchange_id, account) VALUES (5, 'okx', 'e'), (6, 'okx', 'f')");
    // e: costed at 2000 and 2100 (its coins then worth 2500 and 1900); f: first a row from
    // before costs were recorded, then one whose coins had no known cost at all (partial).
    await db.pool.query(`INSERT INTO snapshots (account_id, taken_at, quote, total_value, cost_basis, costed_value, cost_partial, cost_policy) VALUES
      (5, $1, 'USDT', 3000, 2000, 2500, FALSE, 'unknown'), (6, $2, 'USDT', 50, NULL, NULL, NULL, NULL),
      (5, $3, 'USDT', 2400, 2100, 1900, FALSE, 'unknown'), (6, $4, 'USDT', 60, NULL, NULL, TRUE, 'unknown')`, [at(2000), at(2001), at(2002), at(2003)]);
    const cost = (points: Awaited<ReturnType<typeof readNetValue>>) => points.map((p) => [p.costBasis, p.unrealisedSpot, p.costPartial]);
    const e = await readNetValue(db.pool, { since: null, account: { exchangeId: 'okx', account: 'e' }, maxPoints: 500 });
    expect(cost(e)).toEqual([['2000', '500', false], ['2100', '-200', false]]);
    const f = await readNetValue(db.pool, { since: null, account: { exchangeId: 'okx', account: 'f' }, maxPoints: 500 });
    expect(cost(f)).toEqual([[null, null, false], [null, null, true]]);
    // With accounts a and b, whose rows predate costs, every total is unknown.
    expect(cost(await readNetValue(db.pool, { since: at(1999), account: null, maxPoints: 500 }))).toEqual(Array(4).fill([null, null, false]));
    // e and f alone: e, then unknown while f's point predates costs, then e's known part (partial: f's coins are not costed).
    await db.pool.query('UPDATE accounts SET removed_at = now() WHERE id IN (1, 2)');
    const both = await readNetValue(db.pool, { since: null, account: null, maxPoints: 500 });
    await db.pool.query('UPDATE accounts SET removed_at = NULL WHERE id IN (1, 2)');
    expect(cost(both)).toEqual([['2000', '500', false], [null, null, false], [null, null, false], ['2100', '-200', true]]);
    await db.pool.query('DELETE FROM accounts WHERE id IN (5, 6)');
  });

  it('filters by account and by time, keeping values from before the range', async () => {
    expect((await readNetValue(db.pool, { since: null, account: { exchangeId: 'bybit', account: 'b' }, maxPoints: 500 })).map((p) => p.value)).toEqual(['1000.5', '900']);
    expect((await readNetValue(db.pool, { since: at(45), account: null, maxPoints: 500 })).map((p) => p.value)).toEqual(['1120.5', '1020']);
    // Custom dates: up to, not including, the end.
    expect((await readNetValue(db.pool, { since: at(30), until: at(60), account: null, maxPoints: 500 })).map((p) => p.value)).toEqual(['110', '1110.5']);
  });

  it('thins to at most maxPoints, always keeping the first and the newest point', async () => {
    await db.pool.query(`INSERT INTO snapshots (account_id, taken_at, quote, total_value)
      SELECT 1, $1::timestamptz + make_interval(mins => 100 + g * 30), 'USDT', g FROM generate_series(1, 17520) g`, [at(0)]);
    const points = await readNetValue(db.pool, { since: null, account: null, maxPoints: 500 });
    expect(points).toHaveLength(500);
    expect(points[0]!.value).toBe('100');
    expect(points.at(-1)!.value).toBe('18420'); // 17520 + account b's 900
    const times = points.map((p) => Date.parse(p.t));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});
