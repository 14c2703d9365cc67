import type { Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import type { Portfolio } from '../../shared/domain.js';
import { Dec } from '../../electron/core/portfolio/decimal.js';
import { createOkxServer, type FakeOkxServer } from '../fake-okx/index.js';
import { okxEnv } from '../helpers/okx-env.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';
import { screenshot } from './helpers/artifacts.js';
import { closeSession } from './helpers/close-session.js';
import { browserSuite, launchBrowser, watchPageErrors, type BrowserSession } from './helpers/chromium.js';
import { nodeApi } from './helpers/node-api.js';
import { startServe, type ServeProcess } from './helpers/serve-process.js';

// A Bybit and an OKX account side by side in the dashboard: `alphapulse-sync serve` as a
// child process against both fakes and a test database, driven in Chromium.
const E2E_TIMEOUT = 150_000;
// The two small scenarios, worked out in sync-bybit.test.ts and sync-okx.test.ts.
const BYBIT_TOTAL = '62605.922';
const OKX_TOTAL = '35028';

browserSuite('a Bybit and an OKX account in the dashboard', () => {
  let h: SyncHarness | null = null;
  let okx: FakeOkxServer | null = null;
  let serve: ServeProcess | null = null;
  let browser: BrowserSession | null = null;
  afterEach(async () => {
    await closeSession({ browser, serve, h });
    await okx?.close();
    [h, okx, serve, browser] = [null, null, null, null];
  });

  const rowsOf = (page: Page, asset: string) => page.getByTestId(`portfolio-row-${asset}`);

  it('both accounts listed, the same asset summed, the total the exact sum of the two, diagnostics per account', async () => {
    h = await startHarness();
    okx = await createOkxServer();
    serve = await startServe({ ...h.env, ...okxEnv(okx), EXCHANGE_SYNC_EXCHANGES: 'bybit,okx' });
    const api = nodeApi(serve.origin, serve.token);
    try {
      browser = await launchBrowser();
      const { page } = browser;
      const errors = watchPageErrors(page);
      await page.goto(serve.link);

      // The sync at start reads both accounts.
      const total = page.getByTestId('total-value');
      await total.waitFor({ timeout: 90_000 });
      await expect.poll(async () => (await api.api.invoke('portfolio:get')).items.map((i) => i.exchangeId).filter((x, k, a) => a.indexOf(x) === k).sort(), { timeout: 90_000 })
        .toEqual(['bybit', 'okx']);
      const portfolio: Portfolio = await api.api.invoke('portfolio:get');
      // Exactly the sum of the two accounts, and of their holdings.
      const sum = new Dec(BYBIT_TOTAL).plus(OKX_TOTAL);
      expect(portfolio.totalValue).toBe(sum.toString());
      const perAccount = (id: string) => portfolio.items.filter((i) => i.exchangeId === id).reduce((s, i) => s.plus(i.value ?? '0'), new Dec(0));
      // Wallets 62105.922 + 34978, unrealised P&L of the open positions 500 + 50.
      expect([perAccount('bybit').toString(), perAccount('okx').toString(), portfolio.unrealisedPnl]).toEqual(['62105.922', '34978', '550']);
      expect(perAccount('bybit').plus(perAccount('okx')).plus(portfolio.unrealisedPnl ?? '0').toString()).toBe(sum.toString());
      await expect.poll(() => total.textContent()).toBe('97,633.92 USDT');

      // Both listed: BTC once per account, each row naming its account.
      await expect.poll(async () => (await rowsOf(page, 'BTC').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-account')))).sort()).toEqual(['bybit/default', 'okx/default']);
      const okxBtc = page.locator('[data-testid="portfolio-row-BTC"][data-account="okx/default"]');
      expect(await okxBtc.textContent()).toContain('0.2998');
      await screenshot(page, 'two-exchanges');

      // Grouped by account: one subtotal each, the exact account totals.
      await page.getByTestId('holdings-group').selectOption('account');
      const subtotal = (label: string) => page.getByTestId(`group-row-${label}`).getByTestId('group-value').textContent();
      expect(await subtotal('bybit/default')).toBe('62,105.92');
      expect(await subtotal('okx/default')).toBe('34,978.00');

      // Summed by asset: one BTC row for two accounts, 0.5 + 0.2998 BTC at 90,000.
      await page.getByTestId('holdings-group').selectOption('asset');
      await expect.poll(() => rowsOf(page, 'BTC').count()).toBe(1);
      const btc = (await rowsOf(page, 'BTC').textContent()) ?? '';
      expect(btc).toContain('2 accounts');
      expect(btc).toContain('0.7998');
      expect(btc).toContain('71,982.00');
      await screenshot(page, 'two-exchanges-by-asset');

      // Diagnostics: each account's own checks, each passing its credentials.
      await page.getByTestId('nav-diagnostics').click();
      await page.getByTestId('diagnostics-run').click();
      const credentials = (account: string) => page.locator(`[data-testid="diagnostic-credentials"][data-account="${account}"]`);
      await credentials('okx/default').waitFor({ timeout: 60_000 });
      await credentials('bybit/default').waitFor({ timeout: 60_000 });
      await expect.poll(() => credentials('okx/default').getAttribute('data-status'), { timeout: 60_000 }).toBe('pass');
      await expect.poll(() => credentials('bybit/default').getAttribute('data-status'), { timeout: 60_000 }).toBe('pass');
      const okxWallets = page.locator('[data-testid="diagnostic-wallets"][data-account="okx/default"]');
      await expect.poll(() => okxWallets.getAttribute('data-status'), { timeout: 60_000 }).toBe('pass');
      // OKX's headroom comes from the sync's own use of its documented limits.
      const okxRate = page.locator('[data-testid="diagnostic-rate-limit"][data-account="okx/default"]');
      await expect.poll(() => okxRate.getAttribute('data-status'), { timeout: 60_000 }).toBe('pass');
      expect(await okxRate.textContent()).toMatch(/trade\/fills-history \d+ of 10 per 2 s/);
      const bybitRate = page.locator('[data-testid="diagnostic-rate-limit"][data-account="bybit/default"]');
      await expect.poll(() => bybitRate.getAttribute('data-status'), { timeout: 60_000 }).toBe('pass');
      await screenshot(page, 'two-exchanges-diagnostics');
      expect(errors).toEqual([]);
    } finally {
      api.close();
    }
  }, E2E_TIMEOUT);
});
