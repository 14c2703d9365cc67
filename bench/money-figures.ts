import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '../electron/core/core.js';
import { writeCsv } from '../electron/core/export/csv-export.js';
import { DAY_MS, dayOf, flowsOfFills, reconstructDaily } from '../electron/core/portfolio/backfill.js';
import { computeCostBooks, costBasisAt, type CostFill } from '../electron/core/portfolio/cost-basis.js';
import { dec, type Dec } from '../electron/core/portfolio/decimal.js';
import { median } from './stats.js';

export interface MoneyFigures {
  fills: number;
  costBooksMs: number;
  backfillMs: number;
  backfillDays: number;
  backfillAssets: number;
  exportRows: number;
  exportMs: number;
  exportRssGrowthMb: number;
}

const PAIRS = ['BTC/USDT', 'ETH/USDT', 'ETH/BTC', 'SOL/USDT', 'MNT/USDT', 'SOL/ETH', 'BTC/USDC'];

/** 100,000 fills over two years: cash and cross pairs, fees in the base, the quote and MNT. */
function syntheticFills(n: number, now: number): CostFill[] {
  const fills: CostFill[] = [];
  for (let i = 0; i < n; i++) {
    const [base, quote] = PAIRS[i % PAIRS.length]!.split('/') as [string, string];
    const cross = quote === 'BTC' || quote === 'ETH';
    fills.push({
      id: `b${i}`, executedAt: new Date(now - 730 * DAY_MS + Math.floor((i * 730 * DAY_MS) / n)), base, quote, side: i % 3 === 2 ? 'sell' : 'buy',
      price: dec(cross ? `0.0${(i % 90) + 10}` : `${100 + (i % 5000)}.25`), quantity: dec(`0.${(i % 9000) + 1000}`),
      fee: dec('0.001'), feeCurrency: [base, quote, 'MNT'][i % 3]!, quoteUsdtRate: cross ? dec(`${20000 + (i % 40000)}`) : null, feeUsdtRate: dec('0.9'),
    });
  }
  return fills;
}

/** Cost basis with realised P&L over 100,000 fills; two years × 40 assets of backfill; CSV of 100,000 fills. */
export async function measureMoney(core: Core): Promise<MoneyFigures> {
  const now = Date.now();
  const fills = syntheticFills(100_000, now);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    computeCostBooks(fills);
    times.push(performance.now() - t);
  }

  // 40 assets, 2,000 fills' flows, 730 days, a close for every asset and day.
  const assets = Array.from({ length: 40 }, (_, i) => `C${i}`);
  const lastDay = dayOf(now) - DAY_MS;
  const firstDay = lastDay - 729 * DAY_MS;
  const closes = new Map(assets.map((a, k) => [a, new Map(Array.from({ length: 730 }, (_, d) => [firstDay + d * DAY_MS, dec(`${1 + k}.${d}`)] as [number, Dec]))]));
  const spent = fills.slice(0, 2000).map((f, i) => ({ ...f, base: assets[i % 40]!, quote: 'USDT', executedAt: new Date(firstDay + Math.floor((i * 730 * DAY_MS) / 2000)) }));
  const flows = flowsOfFills(spent);
  const current = new Map(assets.map((a) => [a, dec('1000')]));
  const days = Array.from({ length: 730 }, (_, d) => firstDay + d * DAY_MS);
  const backfill: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    // Each day's cost basis too: one replay of the books, read at every day's end.
    const atDayEnd = costBasisAt(spent, [], 'unknown', days.map((d) => d + DAY_MS));
    reconstructDaily({ current, flows, closes, firstDay, lastDay, books: new Map(days.map((d, k) => [d, atDayEnd[k]!])) });
    backfill.push(performance.now() - t);
  }

  const exported = await measureExport(core, 100_000);
  return { fills: fills.length, costBooksMs: median(times), backfillMs: median(backfill), backfillDays: 730, backfillAssets: 40, ...exported };
}

/** 100,000 fills of a separate account, exported to a file; RSS sampled while it runs. */
async function measureExport(core: Core, n: number): Promise<{ exportRows: number; exportMs: number; exportRssGrowthMb: number }> {
  const pool = core.db.pool;
  const { rows } = await pool.query<{ id: number }>("INSERT INTO accounts (exchange_id, account) VALUES ('bench', 'export') ON CONFLICT (exchange_id, account) DO UPDATE SET label = NULL RETURNING id");
  const accountId = rows[0]!.id;
  await pool.query('DELETE FROM fills WHERE account_id = $1', [accountId]);
  await pool.query(
    `INSERT INTO fills (account_id, fill_id, category, symbol, base, quote, side, price, quantity, fee, fee_currency, fee_usdt, realised_pnl, booked, executed_at)
     SELECT $1, 'x' || g, 'spot', 'BTCUSDT', 'BTC', 'USDT', CASE WHEN g % 3 = 0 THEN 'sell' ELSE 'buy' END, 50000 + g % 1000 + 0.25, 0.001 * (g % 97 + 1),
            0.05, 'USDT', 0.05, CASE WHEN g % 3 = 0 THEN 1.5 ELSE 0 END, TRUE, now() - g * interval '10 minutes'
     FROM generate_series(1, $2) g`, [accountId, n]);
  const file = path.join(os.tmpdir(), `alphapulse-bench-export-${process.pid}.csv`);
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
  const out = fs.createWriteStream(file);
  const t = performance.now();
  const written = await writeCsv(pool, { kind: 'trades', account: { id: accountId, exchangeId: 'bench', account: 'export' }, from: null, to: null }, out);
  await new Promise<void>((resolve) => out.end(() => resolve()));
  const ms = performance.now() - t;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  fs.rmSync(file, { force: true });
  await pool.query('DELETE FROM accounts WHERE id = $1', [accountId]);
  return { exportRows: written, exportMs: ms, exportRssGrowthMb: (peak - before) / 2 ** 20 };
}
