import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPnlDaily } from '../../electron/core/db/repositories/pnl-repo.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

describe('realised P&L per day (History\'s P&L view)', () => {
  let db: TestDatabase;
  const day = (d: number, h = 12) => new Date(Date.UTC(2026, 0, d, h));

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query("INSERT INTO accounts (id, exchange_id, account) VALUES (1, 'bybit', 'main'), (2, 'bybit', 'alt'), (3, 'bybit', 'gone')");
    await db.pool.query('UPDATE accounts SET removed_at = now() WHERE id = 3');
    const fill = (acc: number, id: string, at: Date, pnl: string | null, feeUsdt: string | null, extra: { category?: string; booked?: boolean; fee?: string; feeCcy?: string; feeRate?: string } = {}) =>
      db.pool.query(
        `INSERT INTO fills (account_id, fill_id, category, symbol, base, quote, side, price, quantity, fee_usdt, realised_pnl, booked, executed_at, fee, fee_currency, fee_usdt_rate)
         VALUES ($1, $2, $3, 'BTCUSDT', 'BTC', 'USDT', 'sell', 1, 1, $4, $5, $6, $7, $8, $9, $10)`,
        [acc, id, extra.category ?? 'spot', feeUsdt, pnl, extra.booked ?? true, at, extra.fee ?? null, extra.feeCcy ?? null, extra.feeRate ?? null]);
    const closed = (acc: number, category: string, symbol: string, at: Date, pnl: string, rate: string | null) => db.pool.query(
      `INSERT INTO closed_pnl (account_id, category, symbol, order_id, side, closed_pnl, created_at, raw, usdt_rate) VALUES ($1, $2, $3, $4, 'Sell', $5, $6, '{}', $7)`,
      [acc, category, symbol, `${symbol}-${at.toISOString()}`, pnl, at, rate]);
    const log = (acc: number, id: string, type: string, at: Date, funding: string | null, rate: string | null, currency = 'USDT') => db.pool.query(
      `INSERT INTO transaction_log (account_id, log_id, type, currency, change, funding, cash_balance, transaction_time, raw, usdt_rate) VALUES ($1, $2, $3, $4, 0, $5, 0, $6, '{}', $7)`,
      [acc, id, type, currency, funding, at, rate]);
    const convert = (acc: number, id: string, at: Date, pnl: string | null, booked = true) => db.pool.query(
      `INSERT INTO cash_flows (account_id, kind, flow_id, asset, amount, counter_asset, counter_amount, occurred_at, raw, realised_pnl, booked)
       VALUES ($1, 'convert', $2, 'BTC', 0.025, 'ETH', 0.5, $3, '{}', $4, $5)`, [acc, id, at, pnl, booked]);
    await fill(1, 'a', day(1, 1), '10.5', '0.1');
    await fill(1, 'b', day(1, 23), '-0.25', '0.2');
    // Day 2: a convert, two closed positions (USDT, and BTC at 86,000), funding paid and received, a derivative fee in BTC at 84,000.
    await convert(1, 'cv1', day(2, 1), '25');
    await convert(1, 'cv2', day(2, 2), '777', false); // not booked yet
    await closed(1, 'linear', 'ETHUSDT', day(2, 3), '9.8845', '1');
    await closed(1, 'inverse', 'BTCUSD', day(2, 4), '0.00058161', '86000');
    await log(1, 'l1', 'SETTLEMENT', day(2, 8), '-0.45', '1');
    await log(1, 'l2', 'SETTLEMENT', day(2, 16), '0.12', '1');
    await log(1, 'l3', 'TRADE', day(2, 17), '0', '1'); // no funding in it
    await log(1, 'l4', 'TRADE', day(2, 18), null, null);
    await fill(1, 'inv', day(2, 4), null, null, { category: 'inverse', fee: '0.00000655', feeCcy: 'BTC', feeRate: '84000' });
    await fill(2, 'c', day(3), '100', '1');
    await fill(1, 'd', day(4), null, '0.5'); // a price was missing: partial from here on
    await fill(1, 'e', day(5), '1', '0');
    await fill(1, 'f', day(5), '999', '9', { category: 'linear', fee: '0.5', feeCcy: 'USDT' }); // a derivative's realised P&L is its closed P&L, not the fill's
    await fill(1, 'g', day(5), '999', '9', { booked: false }); // not booked yet
    await fill(3, 'h', day(2), '999', '9'); // removed account
    await closed(3, 'linear', 'BTCUSDT', day(2), '999', '1');
    await log(3, 'l9', 'SETTLEMENT', day(2), '999', '1');
  });
  afterAll(async () => db.drop());

  it('sums each UTC day exactly, part by part (spot and converts, derivatives in USDT, funding, fees), runs the total, and marks days after an unknown figure partial', async () => {
    const days = await readPnlDaily(db.pool, { since: null, until: null, account: null });
    expect(days).toEqual([
      { day: '2026-01-01', realised: '10.25', spot: '10.25', derivatives: '0', funding: '0', fees: '0.3', cumulative: '10.25', partial: false },
      // 25 + (9.8845 + 0.00058161 × 86,000 = 59.90296) = 84.90296; funding −0.45 + 0.12 beside it, not in it; fee 0.00000655 × 84,000 = 0.5502.
      { day: '2026-01-02', realised: '84.90296', spot: '25', derivatives: '59.90296', funding: '-0.33', fees: '0.5502', cumulative: '95.15296', partial: false },
      { day: '2026-01-03', realised: '100', spot: '100', derivatives: '0', funding: '0', fees: '1', cumulative: '195.15296', partial: false },
      { day: '2026-01-04', realised: '0', spot: '0', derivatives: '0', funding: '0', fees: '0.5', cumulative: '195.15296', partial: true },
      { day: '2026-01-05', realised: '1', spot: '1', derivatives: '0', funding: '0', fees: '0.5', cumulative: '196.15296', partial: true },
    ]);
  });

  it('a closed position, funding or derivative fee without a USDT rate, or a convert whose result is unknown, leaves the figure partial', async () => {
    const only = { since: day(6, 0), until: day(7, 0), account: { exchangeId: 'bybit', account: 'alt' } };
    await db.pool.query(
      `INSERT INTO closed_pnl (account_id, category, symbol, order_id, side, closed_pnl, created_at, raw, usdt_rate) VALUES (2, 'inverse', 'ETHUSD', 'x', 'Sell', 0.5, $1, '{}', NULL)`, [day(6)]);
    expect(await readPnlDaily(db.pool, only)).toEqual([{ day: '2026-01-06', realised: '0', spot: '0', derivatives: '0', funding: '0', fees: '0', cumulative: '0', partial: true }]);
    const cases = [
      `INSERT INTO transaction_log (account_id, log_id, type, currency, change, funding, cash_balance, transaction_time, raw) VALUES (2, 'y', 'SETTLEMENT', 'BTC', 0, 0.001, 0, $1, '{}')`,
      `INSERT INTO fills (account_id, fill_id, category, symbol, base, quote, side, price, quantity, fee, fee_currency, executed_at) VALUES (2, 'z', 'inverse', 'BTCUSD', 'BTC', 'USD', 'buy', 1, 1, 0.1, 'BTC', $1)`,
      `INSERT INTO cash_flows (account_id, kind, flow_id, asset, amount, counter_asset, counter_amount, occurred_at, raw, realised_pnl, booked) VALUES (2, 'convert', 'w', 'BTC', 1, 'ETH', 1, $1, '{}', NULL, TRUE)`,
    ];
    for (const sql of cases) {
      await db.pool.query('DELETE FROM closed_pnl WHERE account_id = 2; DELETE FROM transaction_log WHERE account_id = 2; DELETE FROM cash_flows WHERE account_id = 2; DELETE FROM fills WHERE account_id = 2 AND fill_id <> \'c\'');
      await db.pool.query(sql, [day(6)]);
      expect((await readPnlDaily(db.pool, only)).map((d) => [d.day, d.realised, d.partial]), sql).toEqual([['2026-01-06', '0', true]]);
    }
  });

  it('filters by account and range; the running sum starts at the range', async () => {
    expect((await readPnlDaily(db.pool, { since: null, until: day(6, 0), account: { exchangeId: 'bybit', account: 'alt' } })).map((d) => d.cumulative)).toEqual(['100']);
    expect((await readPnlDaily(db.pool, { since: day(3, 0), until: day(5, 0), account: null })).map((d) => [d.day, d.cumulative])).toEqual([['2026-01-03', '100'], ['2026-01-04', '100']]);
    expect((await readPnlDaily(db.pool, { since: day(2, 2), until: day(2, 20), account: null })).map((d) => [d.spot, d.derivatives, d.funding])).toEqual([['0', '59.90296', '-0.33']]);
    expect(await readPnlDaily(db.pool, { since: null, until: null, account: { exchangeId: 'bybit', account: 'gone' } })).toEqual([]);
  });
});
