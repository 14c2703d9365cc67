import fs from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Download, Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';
import { screenshotVariants, settled } from './helpers/artifacts.js';
import { closeSession } from './helpers/close-session.js';
import { browserSuite, launchBrowser, watchPageErrors, type BrowserSession } from './helpers/chromium.js';
import { nodeApi } from './helpers/node-api.js';
import { startServe, type ServeProcess } from './helpers/serve-process.js';

// The Trades screen and the History chart as a person uses them: keys and clicks only;
// the answers are checked against the database and the core's own API.
const E2E_TIMEOUT = 150_000;
// Enough extra fills that the list is paged and virtualised (far more rows than the DOM holds).
const EXTRA_FILLS = 3000;

const numberOf = (text: string) => Number(text.replace(/[^0-9.-]/g, ''));

browserSuite('Trades and History screens in Chromium against `alphapulse-sync serve`', () => {
  let h: SyncHarness | null = null;
  let serve: ServeProcess | null = null;
  let browser: BrowserSession | null = null;
  afterEach(async () => {
    await closeSession({ browser, serve, h });
    [h, serve, browser] = [null, null, null];
  });

  const columnTexts = (page: Page, index: number) =>
    // Runs in the page; the test program is compiled without the DOM library, hence the shape spelt out.
    page.getByTestId('trade-row').evaluateAll((rows, i) => rows.map((r) => (r as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells[i]?.textContent ?? ''), index);

  it('lists every fill, finds an asset from the keyboard, sorts, exports the CSV; History draws the reconstructed part apart', async () => {
    h = await startHarness();
    serve = await startServe(h.env);
    const api = nodeApi(serve.origin, serve.token);
    try {
      browser = await launchBrowser();
      const { page } = browser;
      const errors = watchPageErrors(page);
      await page.goto(serve.link);
      await page.getByTestId('total-value').waitFor({ timeout: 60_000 });
      const { rows: [acc] } = await h.db.pool.query<{ id: number }>("SELECT id FROM accounts WHERE exchange_id = 'bybit' AND account = 'default'");
      await h.db.pool.query(
        `INSERT INTO fills (account_id, fill_id, category, symbol, base, quote, side, price, quantity, fee, fee_currency, fee_usdt, realised_pnl, booked, executed_at)
         SELECT $1, 'bulk-' || g, 'spot', 'SOLUSDT', 'SOL', 'USDT', CASE WHEN g % 2 = 0 THEN 'buy' ELSE 'sell' END, 100 + g % 50, 1 + g % 7, 0.01, 'USDT', 0.01, NULL, TRUE,
                now() - interval '900 days' + g * interval '1 minute'
         FROM generate_series(1, $2) g`, [acc!.id, EXTRA_FILLS]);
      const countOf = async (sql: string) => (await h!.db.pool.query<{ n: number }>(sql)).rows[0]!.n;
      const stored = await countOf('SELECT count(*)::int AS n FROM fills');
      const eth = await countOf("SELECT count(*)::int AS n FROM fills WHERE symbol LIKE '%ETH%'");

      // Open Trades from the navigation: newest first, the whole count, only a window of rows in the page.
      await page.getByTestId('nav-trades').click();
      const count = page.getByTestId('trades-count');
      await page.getByTestId('trade-row').first().waitFor();
      await expect.poll(() => count.textContent()).toBe(`${stored.toLocaleString('en-US')} fills`);
      const table = page.getByTestId('trades-table');
      expect(await table.getAttribute('aria-rowcount')).toBe(String(stored + 1));
      const domRows = await page.getByTestId('trade-row').count();
      expect(domRows).toBeGreaterThan(5);
      expect(domRows).toBeLessThan(200);
      expect(await page.locator('th', { has: page.getByTestId('sort-time') }).getAttribute('aria-sort')).toBe('descending');
      // A fill with no realised P&L says why, and each row names its fill id on hover.
      expect(await page.getByTestId('trade-row').first().getAttribute('title')).toMatch(/^Fill \S+/);
      await screenshotVariants(page, 'trades');

      // A derivative fill's unknown realised P&L says why.
      const linearRow = page.getByTestId('trade-row').filter({ hasText: 'linear' }).first();
      expect(await linearRow.locator('td').last().locator('.tip').getAttribute('data-tip')).toMatch(/closed P&L/);

      // The list takes the keyboard: End scrolls to the oldest fill, whose page loads on demand.
      const scroller = page.getByTestId('trades-scroll');
      await scroller.focus();
      await page.keyboard.press('End');
      await page.locator('[data-fill-id="bulk-1"]').waitFor();

      // "/" jumps to the search box from anywhere; typing an asset filters on the server.
      await page.keyboard.press('/');
      expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('trades-search');
      await page.keyboard.type('eth');
      await expect.poll(() => count.textContent()).toBe(`${eth} ${eth === 1 ? 'fill' : 'fills'} match`);
      // One account: no account column; time, pair, category, side, price…
      const pairs = await columnTexts(page, 1);
      expect(pairs.length).toBe(eth);
      expect(pairs.every((p) => p.includes('ETH'))).toBe(true);

      // Sort by price from the keyboard: highest first, the state in aria-sort.
      await page.getByTestId('sort-price').focus();
      await page.keyboard.press('Enter');
      const priceHeader = page.locator('th', { has: page.getByTestId('sort-price') });
      await expect.poll(() => priceHeader.getAttribute('aria-sort')).toBe('descending');
      const top = (await h.db.pool.query<{ top: string }>("SELECT max(price)::text AS top FROM fills WHERE symbol LIKE '%ETH%'")).rows[0]!.top;
      // Time order happens to start with the highest price too: wait for the whole column to be in order.
      const prices = async () => (await columnTexts(page, 4)).map(numberOf);
      await expect.poll(async () => { const p = await prices(); return p.every((v, i) => i === 0 || p[i - 1]! >= v); }).toBe(true);
      expect(await prices()).toHaveLength(eth);
      expect((await prices())[0]).toBe(Number(top));
      await page.keyboard.press('Enter');
      await expect.poll(() => priceHeader.getAttribute('aria-sort')).toBe('ascending');
      await expect.poll(async () => (await prices())[0]).toBe(Math.min(...await prices()));
      expect((await prices()).at(-1)).toBe(Number(top));

      // Export: a real download of what the table shows, named for it, whose content parses to the stored fills.
      const readCsv = async (d: Download) => parse((await fs.readFile((await d.path())!, 'utf8')).replace(/^\ufeff/, ''), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
      const [ethDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trades').click()]);
      expect(ethDownload.suggestedFilename()).toMatch(/^alphapulse-trades-eth-\d{4}-\d{2}-\d{2}\.csv$/);
      const ethCsv = await readCsv(ethDownload);
      expect(ethCsv).toHaveLength(eth);
      expect(ethCsv.every((r) => r.symbol?.includes('ETH'))).toBe(true);
      await page.getByTestId('trades-search').fill('');
      await expect.poll(() => count.textContent()).toBe(`${stored.toLocaleString('en-US')} fills`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trades').click()]);
      expect(download.suggestedFilename()).toMatch(/^alphapulse-trades-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await readCsv(download);
      expect(csv).toHaveLength(stored);
      expect(Object.keys(csv[0]!)).toEqual(['time', 'exchange', 'account', 'category', 'symbol', 'base', 'quote', 'side', 'price', 'quantity', 'fee', 'fee_currency', 'fee_usdt', 'realised_pnl', 'fill_id']);
      expect(csv.filter((r) => r.fill_id?.startsWith('bulk-'))).toHaveLength(EXTRA_FILLS);

      // History over everything: the reconstructed days dashed, with their legend; hover says where a value comes from.
      await page.getByTestId('nav-history').click();
      await page.getByTestId('history-range-all').click();
      const legend = page.getByTestId('history-legend-backfill');
      await legend.waitFor();
      expect(await legend.textContent()).toContain('Reconstructed from your trades');
      const dashed = page.locator('.history-backfill path.recharts-area-curve');
      expect(await dashed.getAttribute('stroke-dasharray')).toBe('6 4');
      const points = await api.api.invoke('net-value:get', { range: 'all', maxPoints: 500 });
      expect(points.some((p) => p.source === 'backfill')).toBe(true);
      const box = (await page.locator('.recharts-surface').boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
      const tooltip = page.getByTestId('history-tooltip');
      await tooltip.waitFor();
      expect(await tooltip.textContent()).toMatch(/Reconstructed from your trades/);
      expect(await tooltip.textContent()).toMatch(/USDT/);
      await screenshotVariants(page, 'history-all');

      // P&L over time: what the spot sales realised, per day and in total, as the core computes it.
      await page.getByTestId('history-view-pnl').click();
      const pnlDays = await api.api.invoke('pnl:daily', { range: 'all' });
      expect(pnlDays.length).toBeGreaterThan(0);
      const realised = Number(pnlDays.at(-1)!.cumulative);
      const pnlHead = page.getByTestId('pnl-head');
      await pnlHead.waitFor();
      expect(numberOf((await pnlHead.locator('.summary-value').textContent()) ?? '')).toBeCloseTo(realised, 2);
      // Its parts: spot fills and converts, the derivatives' closed P&L and funding, each as the core sums them.
      const parts = ((await page.getByTestId('pnl-parts').textContent()) ?? '').split('·').map(numberOf);
      const sumOf = (k: 'spot' | 'derivatives' | 'funding') => pnlDays.reduce((s, d) => s + Number(d[k]), 0);
      expect(parts).toHaveLength(3);
      expect(parts[1]).toBeCloseTo(sumOf('derivatives'), 2);
      expect(parts[2]).toBeCloseTo(sumOf('funding'), 2);
      expect(sumOf('derivatives')).not.toBe(0);
      // One bar per day that realised something (a day of buys only has none).
      expect(await page.locator('[data-testid="pnl-chart"] .pnl-bars path').count()).toBe(pnlDays.filter((d) => Number(d.realised) !== 0).length);
      await screenshotVariants(page, 'history-pnl');

      // P&L over time: realised plus the unrealised P&L of the holdings, as net-value:get and pnl:daily give them.
      await page.getByTestId('pnl-mode-time').click();
      const timeHead = page.getByTestId('pnl-time-head');
      await timeHead.waitFor();
      const values = await api.api.invoke('net-value:get', { range: 'all', maxPoints: 500 });
      const latest = values.at(-1)!;
      // The small scenario's deposits have no cost (the default policy): the latest point is partial, not unknown.
      expect(latest.costBasis).not.toBeNull();
      expect(latest.costPartial).toBe(true);
      const total = Number(latest.unrealisedSpot) + realised;
      expect(numberOf((await timeHead.locator('.summary-value').textContent()) ?? '')).toBeCloseTo(total, 2);
      expect(await timeHead.textContent()).toContain('unrealised on the spot holdings (partial)');
      // Before the first trade only deposited coins were held, with no cost: gaps there, never 0; the partial stretch dashed.
      const unknown = values.filter((p) => p.costBasis === null).length;
      expect(unknown).toBeGreaterThan(0);
      const figure = page.getByTestId('pnl-time-figure');
      expect(await figure.getAttribute('aria-label')).toContain(`${values.length} points`);
      expect(await figure.getAttribute('aria-label')).toContain(`${unknown} of ${values.length} points have no known cost (gaps)`);
      expect(await page.getByTestId('pnl-time-legend-unknown').textContent()).toContain(`${unknown} points`);
      await page.getByTestId('pnl-time-legend-partial').waitFor();
      expect(await page.locator('.pnl-time-total-partial path.recharts-curve').getAttribute('stroke-dasharray')).toBe('6 4');
      expect(await page.locator('.pnl-time-realised path.recharts-curve').count()).toBe(1);
      // Hovering the recent part shows the three figures of a point and why it is partial.
      const surface = (await figure.locator('.recharts-surface').boundingBox())!;
      await page.mouse.move(surface.x + surface.width * 0.97, surface.y + surface.height / 2);
      const hover = page.getByTestId('pnl-time-tooltip');
      await hover.waitFor();
      expect(await hover.textContent()).toMatch(/Total: .*Realised: .*Unrealised: .*Partial: coins without a known cost/);
      // The figures as a table, from the keyboard: one row per point, newest first, the same total.
      await page.getByTestId('pnl-time-table-toggle').focus();
      await page.keyboard.press('Enter');
      const rows = page.getByTestId('pnl-time-row');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(values.length);
      expect(numberOf((await rows.first().locator('td').nth(3).textContent()) ?? '')).toBeCloseTo(total, 2);
      expect(await rows.last().locator('td').nth(2).textContent()).toBe('—');
      await screenshotVariants(page, 'history-pnl-time');
      await page.getByTestId('pnl-mode-daily').click();
      await page.getByTestId('history-view-value').click();

      // Custom dates, months before the first sync: only reconstructed days, and the legend says only that.
      await page.getByTestId('history-range-custom').click();
      const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
      await page.getByTestId('history-from').fill(day(60));
      await page.getByTestId('history-to').fill(day(30));
      const head = page.getByTestId('history-chart').locator('figure');
      await expect.poll(() => head.getAttribute('aria-label')).toMatch(new RegExp(`over ${day(60)} to ${day(30)}: \\d+ points`));
      await expect.poll(() => page.getByTestId('history-legend-measured').count()).toBe(0);
      await legend.waitFor();
      await settled(page);

      // The net-value export takes the dates chosen.
      const [nv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-net-value').click()]);
      expect(nv.suggestedFilename()).toMatch(/^alphapulse-net-value-\d{4}-\d{2}-\d{2}\.csv$/);
      const nvRows = await readCsv(nv);
      expect(nvRows.length).toBeGreaterThan(0);
      expect(nvRows.every((r) => r.time! >= day(60) && r.time! < day(29) && r.source === 'backfill')).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      api.close();
    }
  }, E2E_TIMEOUT);
});
