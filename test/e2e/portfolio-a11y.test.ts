import type { Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { smallScenario, withEuroPair } from '../fake-bybit/index.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';
import { ARTIFACTS_DIR, screenshot, screenshotVariants, settled } from './helpers/artifacts.js';
import { focusWithoutRing, seriousViolations } from './helpers/axe.js';
import { closeSession } from './helpers/close-session.js';
import { browserSuite, launchBrowser, watchPageErrors, type BrowserSession } from './helpers/chromium.js';
import { nodeApi } from './helpers/node-api.js';
import { startServe, type ServeProcess } from './helpers/serve-process.js';

// The portfolio as a trader uses it (find an asset, group by asset or account, show
// euros), positions with margin and funding, and every screen checked by axe-core in
// light and dark. The fake lists USDT/EUR at 0.92; a second account's holdings arrive
// in the shared database as another machine would write them.
const E2E_TIMEOUT = 180_000;

browserSuite('portfolio, positions and accessibility in Chromium against `alphapulse-sync serve`', () => {
  let h: SyncHarness | null = null;
  let serve: ServeProcess | null = null;
  let browser: BrowserSession | null = null;
  afterEach(async () => {
    await closeSession({ browser, serve, h });
    [h, serve, browser] = [null, null, null];
  });

  const start = async (opts: { bypassCSP?: boolean } = {}): Promise<{ page: Page; errors: string[]; api: ReturnType<typeof nodeApi> }> => {
    h = await startHarness({ server: { scenario: withEuroPair(smallScenario()) } });
    serve = await startServe(h.env);
    browser = await launchBrowser(opts);
    const errors = watchPageErrors(browser.page);
    await browser.page.goto(serve.link);
    await browser.page.getByTestId('total-value').waitFor({ timeout: 90_000 });
    return { page: browser.page, errors, api: nodeApi(serve.origin, serve.token) };
  };

  it('find an asset, group by asset and by account with subtotals, switch the currency, list "Other"; positions show margin, ROE and funding', async () => {
    const { page, errors, api } = await start({ bypassCSP: true });
    try {
      // Another machine sharing the database syncs bybit/savings: 0.25 BTC in Earn and 1,000 USDT.
      await h!.db.pool.query("INSERT INTO accounts (exchange_id, account, last_success_at) VALUES ('bybit', 'savings', now())");
      await h!.db.pool.query(
        `INSERT INTO portfolio_items (exchange_id, account, asset, quantity, current_price, value, avg_entry_price, profit_loss, wallets) VALUES
         ('bybit', 'savings', 'BTC', 0.25, 90000, 22500, 60000, 7500, '{"EARN_FLEXIBLE": "0.25"}'),
         ('bybit', 'savings', 'USDT', 1000, 1, 1000, NULL, NULL, '{"FUND": "1000"}')`);
      await page.reload();
      const total = page.getByTestId('total-value');
      await expect.poll(() => total.textContent()).toBe('86,105.92 USDT');
      const table = page.getByTestId('portfolio-table');

      // "/" jumps to the search box; typing filters as it goes.
      await page.locator('body').press('/');
      await page.keyboard.type('btc');
      expect(await page.evaluate('document.activeElement?.id')).toBe('holdings-search');
      await expect.poll(() => table.locator('tbody tr[data-testid^="portfolio-row-"]').count()).toBe(2);
      expect(await table.getByTestId('portfolio-row-ETH').count()).toBe(0);
      await page.keyboard.type(' earn');
      await expect.poll(() => table.locator('tbody tr[data-testid^="portfolio-row-"]').count()).toBe(1);
      expect(await table.getByTestId('portfolio-row-BTC').getAttribute('data-account')).toBe('bybit/savings');
      await page.keyboard.press('Escape');
      await expect.poll(() => table.locator('tbody tr[data-testid^="portfolio-row-"]').count()).toBeGreaterThan(4);

      // By asset: one BTC row, summed across the two accounts, exactly.
      await page.getByTestId('holdings-group').selectOption('asset');
      const btc = table.getByTestId('portfolio-row-BTC');
      await expect.poll(() => btc.count()).toBe(1);
      expect(await btc.getAttribute('data-account')).toBe('2 accounts');
      const btcText = await btc.textContent();
      expect(btcText).toContain('0.75');
      expect(btcText).toContain('67,500.00');
      expect(btcText).toContain('Unified trading, Funding, Earn flexible');

      // By account: a subtotal row above each account's holdings, the larger account first.
      await page.getByTestId('holdings-group').selectOption('account');
      const groups = table.locator('tr.group-row');
      await expect.poll(() => groups.count()).toBe(2);
      expect(await groups.nth(0).getAttribute('data-testid')).toBe('group-row-bybit/default');
      expect(await table.getByTestId('group-row-bybit/savings').getByTestId('group-value').textContent()).toBe('23,500.00');
      expect(await table.getByTestId('group-row-bybit/default').getByTestId('group-value').textContent()).toBe('62,105.92');
      await screenshotVariants(page, 'portfolio-grouped');
      // 800 px: the subtotals' marks scroll with the table; the page itself is no wider than the window.
      await page.setViewportSize({ width: 800, height: 860 });
      await settled(page);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(800);
      await page.setViewportSize({ width: 1280, height: 860 });

      // Euros at the exchange's own USDT/EUR price; the choice is the saved setting.
      await page.getByTestId('display-currency').selectOption('EUR');
      await expect.poll(() => total.textContent()).toBe('79,217.45 EUR');
      expect(await page.getByTestId('currency-note').textContent()).toMatch(/1 EUR = 1\.087 USDT \(USDTEUR\)/);
      expect(await table.getByTestId('group-row-bybit/savings').getByTestId('group-value').textContent()).toBe('21,620.00');
      expect((await api.api.invoke('settings:get')).displayCurrency).toBe('EUR');
      await screenshot(page, 'portfolio-eur');
      await page.getByTestId('display-currency').selectOption('USD');
      await expect.poll(() => total.textContent()).toBe('86,105.92 USD');
      await page.getByTestId('display-currency').selectOption('USDT');
      await expect.poll(() => total.textContent()).toBe('86,105.92 USDT');
      // The README's picture: the window as it opens, two accounts, every holding.
      await page.getByTestId('holdings-group').selectOption('none');
      await page.setViewportSize({ width: 1280, height: 1000 });
      await page.evaluate('document.activeElement instanceof HTMLElement && document.activeElement.blur(); window.scrollTo(0, 0)');
      await settled(page);
      await page.screenshot({ path: `${ARTIFACTS_DIR}/portfolio-readme.png` });
      await page.setViewportSize({ width: 1280, height: 860 });

      // Forty priced assets: the chart names the largest eight, and "Other" opens, from the keyboard, the list of the rest.
      const extra = Array.from({ length: 34 }, (_, k) => `('bybit', 'savings', 'X${String(k).padStart(2, '0')}', 1, ${k + 1}, ${k + 1}, '{"UNIFIED": "1"}')`).join(', ');
      await h!.db.pool.query(`INSERT INTO portfolio_items (exchange_id, account, asset, quantity, current_price, value, wallets) VALUES ${extra}`);
      await page.reload();
      const other = page.getByTestId('allocation-other');
      await other.waitFor();
      expect(await other.textContent()).toMatch(/^Other 32 assets/);
      expect(await page.getByTestId('allocation-legend').locator(':scope > li').count()).toBe(9);
      await other.focus();
      await page.keyboard.press('Enter');
      expect(await other.getAttribute('aria-expanded')).toBe('true');
      expect(await page.getByTestId('allocation-other-list').locator('li').count()).toBe(32);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'portfolio-40-assets');

      // Positions: notional, margin and ROE of the BTCUSDT long, and its funding from the log.
      await page.getByTestId('nav-positions').click();
      const row = page.getByTestId('position-row-BTCUSDT');
      await row.waitFor();
      const text = await row.textContent();
      expect(text).toContain('9,000.00 USDT');
      expect(text).toContain('850.00 USDT');
      expect(text).toContain('+58.82%');
      expect(await row.getByTestId('position-funding').textContent()).toBe('-0.33 USDT');
      const roeHeader = page.locator('th', { has: page.getByTestId('sort-roe') });
      await page.getByTestId('sort-roe').focus();
      await page.keyboard.press('Enter');
      expect(await roeHeader.getAttribute('aria-sort')).toBe('descending');
      await screenshotVariants(page, 'positions-margin');
      expect(errors).toEqual([]);
    } finally {
      api.close();
    }
  }, E2E_TIMEOUT);

  it('every screen passes axe-core with no serious or critical violation, in light and in dark', async () => {
    // axe-core is injected as a script, which the dashboard's CSP refuses (as it should).
    const { page, errors, api } = await start({ bypassCSP: true });
    try {
      const screens = ['portfolio', 'history', 'positions', 'sync', 'settings', 'diagnostics'] as const;
      const found: string[] = [];
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const screen of screens) {
          await page.getByTestId(`nav-${screen}`).click();
          await page.locator(`h1#${screen}-title, main h1`).first().waitFor();
          if (screen === 'history') await page.getByTestId('history-chart').waitFor();
          if (screen === 'diagnostics') {
            await page.getByTestId('diagnostics-run').click();
            await page.locator('[data-testid^="diagnostic-"][data-status]').first().waitFor({ timeout: 60_000 });
          }
          await settled(page);
          for (const v of await seriousViolations(page)) found.push(`${scheme} ${screen}: ${v.id} (${v.impact}) ${v.help} — ${v.targets.join(', ')}`);
          // Every stop the keyboard reaches shows where the focus is.
          for (const el of await focusWithoutRing(page)) found.push(`${scheme} ${screen}: no visible focus on ${el}`);
          if (screen === 'history') {
            // The P&L over time too, its table of figures open.
            await page.getByTestId('history-view-pnl').click();
            await page.getByTestId('pnl-mode-time').click();
            await page.getByTestId('pnl-time-table-toggle').click();
            await page.getByTestId('pnl-time-row').first().waitFor();
            await settled(page);
            for (const v of await seriousViolations(page)) found.push(`${scheme} P&L over time: ${v.id} (${v.impact}) ${v.help} — ${v.targets.join(', ')}`);
            for (const el of await focusWithoutRing(page)) found.push(`${scheme} P&L over time: no visible focus on ${el}`);
            await page.getByTestId('pnl-mode-daily').click();
            await page.getByTestId('history-view-value').click();
          }
        }
        // The open "Other" list and the onboarding form too.
        await page.goto(`${serve!.origin}#/onboarding`);
        await page.locator('main h1').first().waitFor();
        for (const v of await seriousViolations(page)) found.push(`${scheme} onboarding: ${v.id} (${v.impact}) ${v.help} — ${v.targets.join(', ')}`);
        await page.goto(`${serve!.origin}#/portfolio`);
      }
      expect(found, found.join('\n')).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      api.close();
    }
  }, E2E_TIMEOUT);
});
