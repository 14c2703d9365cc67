import type { Core } from '../electron/core/core.js';
import { writeAccountSync } from '../electron/core/db/repositories/sync-write.js';
import { dec, ZERO } from '../electron/core/portfolio/decimal.js';
import type { HoldingCost } from '../electron/core/portfolio/holdings-cost.js';
import { medianOf } from './stats.js';

export interface DbFigures {
  snapshotWriteMs: number;
  assets: number;
  netValueMs: number;
  netValuePoints: number;
  snapshotsInYear: number;
}

/**
 * The write of one account sync (balances, prices, portfolio_items, sync_history,
 * snapshot and its items, committed) for the bench account's assets, and the net-value
 * query over a year of 30-minute snapshots thinned to 500 points.
 */
export async function measureDb(core: Core): Promise<DbFigures> {
  const pool = core.db.pool;
  const portfolio = await core.invoke('portfolio:get');
  const { rows } = await pool.query<{ id: number }>('SELECT id FROM accounts LIMIT 1');
  const accountId = rows[0]!.id;
  const balances = portfolio.items.flatMap((i) => Object.entries(i.wallets).map(([wallet, quantity]) => ({ wallet, asset: i.asset, quantity })));
  const prices = portfolio.items.filter((i) => i.currentPrice !== null).map((i) => ({ asset: i.asset, price: i.currentPrice!, change24hPct: i.change24hPct, sourceSymbol: `${i.asset}USDT` }));
  // Every costed item's cost stored with the snapshot, as a sync writes it.
  const costed = portfolio.items.filter((i) => i.avgEntryPrice !== null && i.currentPrice !== null);
  const byAsset = new Map<string, HoldingCost>(costed.map((i) => [i.asset, { costedQuantity: dec(i.quantity), cost: dec(i.avgEntryPrice!).times(i.quantity), partial: i.avgEntryPartial }]));
  const cost = {
    byAsset, cost: [...byAsset.values()].reduce((sum, c) => sum.plus(c.cost), ZERO),
    costedValue: costed.reduce((sum, i) => sum.plus(dec(i.quantity).times(i.currentPrice!)), ZERO), partial: costed.length < portfolio.items.length,
  };
  const snapshotWriteMs = await medianOf(25, async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await writeAccountSync(client, {
        accountId, exchangeId: 'bybit', account: 'default', trigger: 'bench', startedAt: new Date(), finishedAt: new Date(),
        balances, prices, fills: [], bookings: [], positions: [], items: portfolio.items, totalValue: portfolio.totalValue, walletValue: portfolio.walletValue, unrealisedPnl: portfolio.unrealisedPnl, unpricedAssets: portfolio.unpricedAssets,
        cost, costPolicy: 'unknown', warnings: [], requests: 0,
      });
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  });

  const year = 365 * 48;
  await pool.query(`INSERT INTO snapshots (account_id, taken_at, quote, total_value)
    SELECT $1, now() - make_interval(mins => g * 30), 'USDT', 100000 + (g % 977) * 13.37 FROM generate_series(1, $2) g`, [accountId, year]);
  await pool.query('ANALYZE snapshots');
  let points = 0;
  const netValueMs = await medianOf(25, async () => {
    points = (await core.invoke('net-value:get', { range: '1y', maxPoints: 500 })).length;
  });
  return { snapshotWriteMs, assets: portfolio.items.length, netValueMs, netValuePoints: points, snapshotsInYear: year };
}
