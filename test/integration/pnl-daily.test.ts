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
    const fill = (acc: number, id: string, at: Date, pnl: string | null, fee: string | null, extra: { category?: string; booked?: boolean } = {}) =>
      db.pool.query(
        `INSERT INTO fills (account_id, fill_id, category, symbol, base, quote, side, price, quantity, fee_usdt, realised_pnl, booked, executed_at)
         VALUES ($1, $2, $3, 'BTCUSDT', 'BTC', 'USDT', 'sell', 1, 1, $4, $5, $6, $7)`,
        [acc, id, extra.category ?? 'spot', fee, pnl, extra.booked ?? true, at]);
    await fill(1, 'a', day(1, 1), '10.5', '0.1');
    await fill(1, 'b', day(1, 23), '-0.25', '0.2');
    await fill(2, 'c', day(3), '100', '1');
    await fill(1, 'd', day(4), null, '0.5'); // a price was missing: partial from here on
    await fill(1, 'e', day(5), '1', '0');
    await fill(1, 'f', day(5), '999', '9', { category: 'linear' }); // derivatives: not per fill
    await fill(1, 'g', day(5), '999', '9', { booked: false }); // not booked yet
    await fill(3, 'h', day(2), '999', '9'); // removed account
  });
  afterAll(async () => db.drop());

  it('sums each UTC day exactly, runs the total, and marks days after an unknown figure partial', async () => {
    const days = await readPnlDaily(db.pool, { since: null, until: null, account: null });
    expect(days).toEqual([
      { day: '2026-01-01', realised: '10.25', fees: '0.3', cumulative: '10.25', partial: false },
      { day: '2026-01-03', realised: '100', fees: '1', cumulative: '110.25', partial: false },
      { day: '2026-01-04', realised: '0', fees: '0.5', cumulative: '110.25', partial: true },
      { day: '2026-01-05', realised: '1', fees: '0', cumulative: '111.25', partial: true },
    ]);
  });

  it('filters by account and range; the running sum starts at the range', async () => {
    expect((await readPnlDaily(db.pool, { since: null, until: null, account: { exchangeId: 'bybit', account: 'alt' } })).map((d) => d.cumulative)).toEqual(['100']);
    expect((await readPnlDaily(db.pool, { since: day(3, 0), until: day(5, 0), account: null })).map((d) => [d.day, d.cumulative])).toEqual([['2026-01-03', '100'], ['2026-01-04', '100']]);
    expect(await readPnlDaily(db.pool, { since: null, until: null, account: { exchangeId: 'bybit', account: 'gone' } })).toEqual([]);
  });
});
