import type { Page } from 'playwright-core';
import type { Core } from '../electron/core/core.js';
import { listTrades } from '../electron/core/db/repositories/trades-repo.js';
import { tradesListInput } from '../shared/trades.js';
import { median } from './stats.js';

export interface TradesFigures {
  /** Fills the list holds (the bench account's 100,000 and whatever the sync imported). */
  fills: number;
  /** Click on "Trades" to the first rows and the count on screen. */
  openMs: number;
  /** Typing an asset into the search box to its rows and count on screen. */
  filterMs: number;
  /** A click on the Price header to the highest price in the first row. */
  sortMs: number;
}

export const TRADES_BENCH_FILLS = 100_000;
const ASSETS = ['BTC', 'ETH', 'SOL', 'XRP', 'ADA', 'DOGE', 'DOT', 'LINK', 'AVAX', 'MATIC'];
// The asset typed into the search: a tenth of the fills.
const SEARCHED = 'LINK';

/**
 * Adds an account with 100,000 spot fills over two years (one SQL statement, as the export
 * bench does), so the list is paged and sorted by the database, not held by the page.
 * Returns a function that removes them again.
 */
export async function addTradesAccount(core: Core, n = TRADES_BENCH_FILLS): Promise<() => Promise<void>> {
  const pool = core.db.pool;
  const { rows } = await pool.query<{ id: number }>("INSERT INTO accounts (exchange_id, account) VALUES ('bench', 'trades') ON CONFLICT (exchange_id, account) DO UPDATE SET removed_at = NULL RETURNING id");
  const accountId = rows[0]!.id;
  await pool.query('DELETE FROM fills WHERE account_id = $1', [accountId]);
  await pool.query(
    `INSERT INTO fills (account_id, fill_id, category, symbol, base, quote, side, price, quantity, fee, fee_currency, fee_usdt, realised_pnl, booked, executed_at)
     SELECT $1, 't' || g, 'spot', a.asset || 'USDT', a.asset, 'USDT', CASE WHEN g % 3 = 0 THEN 'sell' ELSE 'buy' END, 1 + (g * 7919) % 100000 / 100.0, 0.001 * (g % 97 + 1),
            0.01, 'USDT', 0.01, CASE WHEN g % 3 = 0 THEN (g % 200 - 100) / 10.0 END, TRUE, now() - g * interval '10 minutes'
     FROM generate_series(1, $2) g CROSS JOIN LATERAL (SELECT ($3::text[])[g % $4 + 1] AS asset) a`,
    [accountId, n, ASSETS, ASSETS.length]);
  await pool.query('ANALYZE fills');
  return async () => {
    await pool.query('DELETE FROM accounts WHERE id = $1', [accountId]);
  };
}

/**
 * The Trades screen over 100,000 fills in Chromium, medians of 5: open (navigation click
 * to rows and count), filter (type an asset: its rows and count), sort (click Price: the
 * highest price first). The expected answers come from the same repository the screen calls.
 */
export async function measureTrades(core: Core, page: Page, link: string): Promise<TradesFigures> {
  const all = await listTrades(core.db.pool, tradesListInput.parse({ limit: 1 }));
  const filtered = await listTrades(core.db.pool, tradesListInput.parse({ search: SEARCHED, limit: 1 }));
  const sorted = await listTrades(core.db.pool, tradesListInput.parse({ search: SEARCHED, sort: 'price', dir: 'desc', limit: 1 }));
  const countText = (n: number, match: boolean) => `${n.toLocaleString('en-US')} ${n === 1 ? 'fill' : 'fills'}${match ? ' match' : ''}`;
  const open: number[] = [];
  const filter: number[] = [];
  const sort: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.goto('about:blank');
    await page.goto(link);
    // Connected and settled (the portfolio is shown): the figure is the screen's, not the app's start.
    await page.locator('[data-testid="total-value"]').filter({ hasText: /\d/ }).waitFor();
    const t0 = Date.now();
    await page.locator('[data-testid="nav-trades"]').click();
    await page.locator(`[data-testid="trade-row"][data-fill-id="${all.rows[0]!.fillId}"]`).waitFor();
    await page.locator('[data-testid="trades-count"]', { hasText: countText(all.total, false) }).waitFor();
    open.push(Date.now() - t0);

    const t1 = Date.now();
    await page.locator('[data-testid="trades-search"]').fill(SEARCHED);
    await page.locator('[data-testid="trades-count"]', { hasText: countText(filtered.total, true) }).waitFor();
    await page.locator(`[data-testid="trade-row"][data-fill-id="${filtered.rows[0]!.fillId}"]`).first().waitFor();
    filter.push(Date.now() - t1);

    const t2 = Date.now();
    await page.locator('[data-testid="sort-price"]').click();
    await page.locator(`[data-testid="trade-row"][data-fill-id="${sorted.rows[0]!.fillId}"][aria-rowindex="2"]`).waitFor();
    sort.push(Date.now() - t2);
  }
  return { fills: all.total, openMs: median(open), filterMs: median(filter), sortMs: median(sort) };
}
