import fs from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterEach, expect, it } from 'vitest';
import { Dec } from '../../shared/format/decimal.js';
import { formatMoney } from '../../shared/format/number-format.js';
import { smallScenario, withEuroPair } from '../fake-bybit/index.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';
import { screenshot, screenshotVariants, settled } from './helpers/artifacts.js';
import { focusWithoutRing, seriousViolations } from './helpers/axe.js';
import { closeSession } from './helpers/close-session.js';
import { browserSuite, launchBrowser, watchPageErrors, type BrowserSession } from './helpers/chromium.js';
import { nodeApi } from './helpers/node-api.js';
import { startServe, type ServeProcess } from './helpers/serve-process.js';

// The display currency as a person switches it (History's "Show in"), what follows it
// (the History axis, legend and change, the header's total, value by asset), and the
// positions CSV. The fake lists USDT/EUR at 0.92, opened 100 days ago: the older
// reconstructed days have no euro rate and must show as gaps the legend counts.
const E2E_TIMEOUT = 180_000;
const DAY = 86_400_000;

browserSuite('display currency on History and in the header; value by asset; positions CSV — in Chromium against `alphapulse-sync serve`', () => {
  let h: SyncHarness | null = null;
  let serve: ServeProcess | null = null;
  let browser: BrowserSession | null = null;
  afterEach(async () => {
    await closeSession({ browser, serve, h });
    [h, serve, browser] = [null, null, null];
  });

  it('switching to EUR changes the History axis, legend and change and the header; value by asset has its table; positions export a CSV', async () => {
    const now = Date.now();
    h = await startHarness({ server: { scenario: withEuroPair(smallScenario(now), '0.92', { listedAt: now - 100 * DAY }) } });
    serve = await startServe(h.env);
    // axe-core is injected as a script, which the dashboard's CSP refuses (as it should).
    browser = await launchBrowser({ bypassCSP: true });
    const { page } = browser;
    const errors = watchPageErrors(page);
    const api = nodeApi(serve.origin, serve.token);
    try {
      await page.goto(serve.link);
      await page.getByTestId('total-value').waitFor({ timeout: 90_000 });
      // Two more syncs, each with 0.1 BTC more: three measured points for value by asset.
      for (const btc of ['0.5', '0.6']) {
        h.server.setBalance('UNIFIED', 'BTC', btc);
        expect((await api.api.invoke('sync:run', { trigger: 'manual' })).ok).toBe(true);
      }
      // The header's total, in USDT as stored until a currency is chosen: 62,605.922 + 0.2 × 90,000.
      const headerTotal = page.getByTestId('header-total-value');
      await expect.poll(() => headerTotal.textContent()).toBe('80,605.92 USDT');
      // The footnote under the holdings names both causes of a partial cost and where the policy is set.
      expect(await page.getByTestId('partial-cost-note').textContent()).toMatch(/deposit or transfer count with no cost[\s\S]*Settings → Cost of deposits/);

      await page.getByTestId('nav-history').click();
      await page.getByTestId('history-range-all').click();
      const chart = page.getByTestId('history-chart');
      await chart.locator('figure').waitFor();
      expect(await page.getByTestId('history-axis-unit').textContent()).toBe('USDT');
      expect(await page.getByTestId('history-legend-currency').textContent()).toBe('Figures in USDT, as stored.');
      const points = await api.api.invoke('net-value:get', { range: 'all', maxPoints: 500 });
      const withoutEuro = points.filter((p) => p.rates?.EUR === undefined).length;
      expect(withoutEuro).toBeGreaterThan(100);

      // "Show in" EUR on History: saved as the setting, and everything follows it.
      await page.getByTestId('history-currency').selectOption('EUR');
      await expect.poll(() => page.getByTestId('history-axis-unit').textContent()).toBe('EUR');
      expect((await api.api.invoke('settings:get')).displayCurrency).toBe('EUR');
      expect(await page.getByTestId('history-legend-currency').textContent()).toMatch(/^Figures in EUR, each point at the exchange's own rate of its time/);
      expect(await page.getByTestId('history-legend-gaps').textContent()).toBe(
        `No EUR rate for ${withoutEuro} points (no price of the exchange's EUR pair is stored for their time): left as gaps, not converted at a guess.`);
      expect(await chart.locator('figure').getAttribute('aria-label')).toMatch(new RegExp(`^Net value in EUR over all: ${points.length} points, latest 74,157\\.45 EUR.*; ${withoutEuro} without a EUR rate$`));
      // The change runs between the first and last points with a rate, in euros.
      const euro = points.filter((p) => p.rates?.EUR !== undefined);
      const change = new Dec('80605.922').times('0.92').minus(new Dec(euro[0]!.value).times(euro[0]!.rates!.EUR!.price));
      const head = await chart.getByTestId('history-head').textContent();
      expect(head).toMatch(/^74,157\.45 EUR/);
      expect(head).toContain(`${formatMoney(change.toFixed(), 'EUR', 'en-US', true)} (`);
      // The header's total follows the setting at the newest stored rate.
      await expect.poll(() => headerTotal.textContent()).toBe('74,157.45 EUR');
      expect(await page.getByTestId('header-total-note').count()).toBe(0);
      // Hovering the chart reads a point in euros.
      const box = (await chart.locator('.recharts-surface').boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.97, box.y + box.height / 2);
      await expect.poll(() => page.getByTestId('history-tooltip').textContent()).toMatch(/EUR/);

      // Value by asset: lines of the largest assets, a table for screen readers (and everyone), in euros.
      const assets = page.getByTestId('asset-values');
      const table = page.getByTestId('asset-values-table');
      await table.waitFor();
      expect(await table.locator('caption').textContent()).toMatch(/^Value by asset in EUR over all/);
      // 0.5 BTC, then 0.7, at 90,000 USDT × 0.92: first, latest and the change.
      expect(await page.getByTestId('asset-values-row-BTC').locator('td').allTextContents()).toEqual(['41,400.00 EUR', '57,960.00 EUR', '+16,560.00 EUR']);
      expect(await page.getByTestId('asset-values-note').textContent()).toMatch(/^3 measured points, in EUR/);
      expect(await assets.locator('.asset-line path').count()).toBe(await table.locator('tbody tr').count());
      expect(await page.getByTestId('asset-values-plot').getAttribute('aria-label')).toMatch(/^Value by asset in EUR/);
      // The keyboard reads the newest point; the hover card lists every line.
      await page.getByTestId('asset-values-plot').focus();
      await page.keyboard.press('End');
      const tip = page.getByTestId('asset-values-tooltip');
      await expect.poll(() => tip.isVisible()).toBe(true);
      expect(await tip.textContent()).toContain('BTC57,960.00 EUR');
      await page.keyboard.press('Escape');
      await expect.poll(() => tip.isVisible()).toBe(false);
      await settled(page);
      await screenshotVariants(page, 'history-eur');

      // axe-core on History in euros with its gaps and the value-by-asset chart, light and dark; every keyboard stop visible.
      const found: string[] = [];
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await settled(page);
        for (const v of await seriousViolations(page)) found.push(`${scheme}: ${v.id} (${v.impact}) ${v.help} — ${v.targets.join(', ')}`);
        for (const el of await focusWithoutRing(page, 80)) found.push(`${scheme}: no visible focus on ${el}`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
      expect(found, found.join('\n')).toEqual([]);

      // The header at 800 px: the total and the pill fit, the page is no wider than the window.
      await page.setViewportSize({ width: 800, height: 860 });
      await settled(page);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(800);
      await page.setViewportSize({ width: 1024, height: 860 });
      await settled(page);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1024);
      await screenshot(page, 'history-eur-1024');
      await page.setViewportSize({ width: 1280, height: 860 });

      // Positions: the CSV button downloads what the table shows, with its header row.
      await page.getByTestId('nav-positions').click();
      await page.getByTestId('position-row-BTCUSDT').waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-positions').click()]);
      expect(download.suggestedFilename()).toMatch(/^alphapulse-positions-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = (await fs.readFile((await download.path())!, 'utf8')).replace(/^\ufeff/, '');
      expect(text.split('\r\n')[0]).toBe('time,exchange,account,category,symbol,side,size,entry_price,mark_price,notional,margin,unrealised_pnl,roe,funding,settle_coin,leverage,liquidation_price');
      const rows = parse(text, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ symbol: 'BTCUSDT', side: 'long', size: '0.1', notional: '9000', margin: '850', unrealised_pnl: '500', funding: '-0.33' });
      await screenshot(page, 'positions-export');

      // No euro rate known any more: the header says so and shows USDT.
      await h.db.pool.query("UPDATE snapshots SET display_rates = display_rates - 'EUR'");
      await page.reload();
      await expect.poll(() => headerTotal.textContent()).toMatch(/ USDT$/);
      expect(await page.getByTestId('header-total-note').textContent()).toBe('no EUR rate yet');
      expect(errors).toEqual([]);
    } finally {
      api.close();
    }
  }, E2E_TIMEOUT);
});
