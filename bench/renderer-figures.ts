import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Core } from '../electron/core/core.js';
import { startServe } from '../test/e2e/helpers/serve-process.js';
import { median } from './stats.js';
import { addTradesAccount, measureTrades, type TradesFigures } from './trades-figures.js';

export interface RendererFigures {
  rows: number;
  /** Navigation to the first contentful paint (Chromium's own mark): the app shell, before any data. */
  firstPaintMs: number;
  portfolioMs: number;
  sortMs: number;
  historyMs: number;
  /** The Trades screen over 100,000 fills. */
  trades: TradesFigures;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The dashboard in Chromium against `serve` (sharing the bench's database): time from
 * navigation to a rendered portfolio of 2,000+ rows, a re-sort of that table, and the
 * one-year net-value chart (500 points); then the Trades screen over 100,000 fills (open,
 * filter, sort; bench/trades-figures.ts). Medians of 5.
 */
export async function measureRenderer(core: Core, env: Record<string, string>): Promise<RendererFigures> {
  const rows = await addBigAccount(core, 2000);
  const serve = await startServe({ ...env, EXCHANGE_SYNC_ENABLED: 'false' });
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, locale: 'en-US', viewport: { width: 1280, height: 860 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    const portfolio: number[] = [];
    const firstPaint: number[] = [];
    const sort: number[] = [];
    const history: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto('about:blank');
      const t0 = Date.now();
      await page.goto(serve.link);
      await page.locator('[data-testid="portfolio-row-SYN1999"], [data-testid^="portfolio-row-"]').first().waitFor();
      await page.locator('[data-testid="total-value"]').filter({ hasText: /\d/ }).waitFor();
      portfolio.push(Date.now() - t0);
      firstPaint.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN));
      const header = page.getByRole('button', { name: /^Asset/ });
      const t1 = Date.now();
      await header.click();
      await page.locator('th[aria-sort]').filter({ hasText: /Asset/ }).waitFor();
      sort.push(Date.now() - t1);
      const t2 = Date.now();
      await page.locator('[data-testid="nav-history"]').click();
      await page.locator('[data-testid="history-range-1y"]').click();
      await page.locator('[data-testid="history-chart"] .recharts-area-area').first().waitFor();
      await page.locator('[data-testid="history-chart"][aria-busy="false"]').waitFor();
      history.push(Date.now() - t2);
    }
    const removeFills = await addTradesAccount(core);
    try {
      const trades = await measureTrades(core, page, serve.link);
      return { rows, firstPaintMs: median(firstPaint), portfolioMs: median(portfolio), sortMs: median(sort), historyMs: median(history), trades };
    } finally {
      // The later stages (export, cost basis) measure their own data, not these fills.
      await removeFills();
    }
  } finally {
    await context.close();
    await serve.stop();
    await fs.rm(profile, { recursive: true, force: true });
  }
}

/** A second account holding `n` synthetic assets, so the table has thousands of rows. */
async function addBigAccount(core: Core, n: number): Promise<number> {
  await core.db.pool.query(
    `INSERT INTO portfolio_items (exchange_id, account, asset, quantity, current_price, avg_entry_price, value, profit_loss, profit_loss_percentage, change_24h_pct, wallets)
     SELECT 'bybit', 'bench-big', 'SYN' || g, (g % 97) + 0.5, 1 + (g % 13) * 0.25, 1 + (g % 11) * 0.2, ((g % 97) + 0.5) * (1 + (g % 13) * 0.25), g % 7 - 3, (g % 9) - 4, (g % 5) - 2,
            jsonb_build_object('UNIFIED', ((g % 97) + 0.5)::text)
     FROM generate_series(0, $1 - 1) g`, [n]);
  const { rows } = await core.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM portfolio_items');
  return rows[0]!.n;
}
