import fs from 'node:fs/promises';
import path from 'node:path';
import keytar from 'keytar';
import type { Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { EXPIRING_KEY, READ_ONLY_KEY } from '../fake-bybit/index.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';
import { screenshot } from './helpers/artifacts.js';
import { closeSession } from './helpers/close-session.js';
import { browserSuite, launchBrowser, watchPageErrors, type BrowserSession } from './helpers/chromium.js';
import { nodeApi } from './helpers/node-api.js';
import { startServe, type ServeProcess } from './helpers/serve-process.js';

// The dashboard end to end: `alphapulse-sync serve` as a child process (the built CLI and
// renderer), the fake Bybit and a test database, driven in Debian's Chromium.
const E2E_TIMEOUT = 120_000;
// Keys typed into the page go to the OS keychain: only inside `npm test`'s throw-away
// keyring (or CI), never the developer's own.
const keyringIt = process.env.ALPHAPULSE_TEST_KEYRING !== undefined || process.env.CI === 'true' ? it : it.skip;
const KEYCHAIN_SERVICE = 'AlphaPulse Sync';

browserSuite('dashboard in Chromium against `alphapulse-sync serve`', () => {
  let h: SyncHarness | null = null;
  let serve: ServeProcess | null = null;
  let browser: BrowserSession | null = null;
  afterEach(async () => {
    await closeSession({ browser, serve, h });
    [h, serve, browser] = [null, null, null];
  });

  /** A page on `serve`'s link that records uncaught errors and CSP violations. */
  const open = async (link: string): Promise<{ page: Page; errors: string[] }> => {
    browser ??= await launchBrowser();
    const { page } = browser;
    const errors = watchPageErrors(page);
    await page.goto(link);
    return { page, errors };
  };

  keyringIt('first run: onboarding, test the key, save it to the keychain, first sync, then the portfolio and its total', async () => {
    h = await startHarness();
    serve = await startServe({ DATA_DIR: h.dataDir, DATABASE_URL: h.db.url });
    expect(serve.stderr()).toContain('no exchange account is configured yet');
    expect(serve.stdout()).toBe('');
    const { page, errors } = await open(serve.link);
    const onboarding = page.getByTestId('onboarding');
    await onboarding.waitFor();
    // The token left the address bar (history, bookmarks, screenshots).
    expect(page.url()).not.toContain('token');
    await screenshot(page, 'onboarding');
    await page.getByTestId('onboarding-start').click();
    await page.getByTestId('account-api-key').fill(READ_ONLY_KEY.apiKey);
    await page.getByTestId('account-api-secret').fill(READ_ONLY_KEY.secret);
    await page.getByTestId('account-api-url').fill(h.server.url);
    await page.getByTestId('account-test').click();
    await page.locator('[data-testid="account-test-result"][data-ok="true"]').waitFor();
    await expect.poll(() => page.getByTestId('account-test-result').textContent()).toContain('Read-only key');
    await screenshot(page, 'onboarding-account');
    await page.getByTestId('account-save').click();

    // The first sync runs and the portfolio opens with the fake account's holdings.
    const total = page.getByTestId('total-value');
    await total.waitFor({ timeout: 60_000 });
    expect(await total.textContent()).toBe('62,605.92 USDT');
    // The open BTCUSDT long's 500 USDT are part of it, and said so.
    expect(await page.getByTestId('total-split').textContent()).toBe('Wallets 62,105.92 USDT + unrealised P&L of open positions +500.00 USDT');
    for (const asset of ['BTC', 'ETH', 'USDT']) await page.getByTestId(`portfolio-row-${asset}`).waitFor();
    expect(await page.getByTestId('portfolio-row-BTC').textContent()).toContain('45,000.00');
    await screenshot(page, 'portfolio');

    // The key is in the keychain; the settings file and the page know only its hint.
    const stored = await keytar.getPassword(KEYCHAIN_SERVICE, 'bybit:default');
    expect(JSON.parse(stored ?? 'null')).toEqual({ apiKey: READ_ONLY_KEY.apiKey, secret: READ_ONLY_KEY.secret, endpoint: expect.any(String) });
    const settingsFile = await fs.readFile(path.join(h.dataDir, 'settings.json'), 'utf8');
    expect(settingsFile).toContain(h.server.url);
    expect(settingsFile).not.toContain(READ_ONLY_KEY.secret);
    expect(await page.content()).not.toContain(READ_ONLY_KEY.secret);

    // Removing the account, its history deleted: it leaves the total at once, with its key.
    await page.getByTestId('nav-settings').click();
    const row = page.getByTestId('account-bybit-default');
    await row.getByTestId('account-remove').click();
    await row.getByTestId('account-remove-choice').waitFor();
    expect(await row.getByTestId('account-remove-keep').isChecked()).toBe(true);
    await screenshot(page, 'settings-remove-account');
    await row.getByTestId('account-remove-delete').check();
    await row.getByTestId('account-remove-confirm').click();
    await row.waitFor({ state: 'detached' });
    const api = nodeApi(serve.origin, serve.token);
    try {
      expect(await api.api.invoke('portfolio:get')).toMatchObject({ totalValue: '0', items: [] });
    } finally {
      api.close();
    }
    const { rows } = await h.db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM fills");
    expect(rows[0]?.n).toBe(0);
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, 'bybit:default')).toBeNull();

    // A second account added in Settings, with a key that expires in 3 days: the test says
    // so with the date, and "Save and sync" syncs it at once, with progress.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('account-add').click();
    await page.getByTestId('account-id').fill('expiring');
    await page.getByTestId('account-api-key').fill(EXPIRING_KEY.apiKey);
    await page.getByTestId('account-api-secret').fill(EXPIRING_KEY.secret);
    await page.getByTestId('account-api-url').fill(h.server.url);
    await page.getByTestId('account-test').click();
    const result = page.locator('[data-testid="account-test-result"][data-ok="true"]');
    await result.waitFor();
    expect(await result.getByTestId('key-expiry-warning').textContent()).toMatch(/expires on \w{3} \d{1,2}, \d{4} \(in [23] days\)\. Create a new read-only key/);
    await screenshot(page, 'settings-expiring-key');
    await page.getByTestId('account-save').click();
    const progress = page.getByTestId('settings-accounts').getByTestId('sync-progress');
    await progress.waitFor();
    await page.locator('[data-testid="settings-accounts"] [data-testid="sync-progress"][data-phase="finished"]').waitFor({ timeout: 60_000 });
    expect(await progress.getByTestId('sync-summary-headline').textContent()).toBe('✓ Sync finished');
    expect(await progress.textContent()).toContain('bybit/expiring');
    await page.getByTestId('account-bybit-expiring').getByTestId('key-expiry-warning').waitFor();
    // The account card says it too, with what to do.
    await page.getByTestId('nav-sync').click();
    const card = page.locator('[data-testid="account-status-bybit-expiring"][data-state="ok"]');
    await card.waitFor();
    expect(await card.getByTestId('key-expiry-warning').textContent()).toContain('Create a new read-only key on Bybit before then');
    await screenshot(page, 'sync-expiring-key');

    await keytar.deletePassword(KEYCHAIN_SERVICE, 'bybit:expiring');
    expect(errors).toEqual([]);
  }, E2E_TIMEOUT);

  it('a wrong secret: the error and what to do show on the Sync screen and in Diagnostics', async () => {
    h = await startHarness();
    const wrongSecret = 'wrong-secret-value-123456';
    serve = await startServe({ ...h.env, BYBIT_API_SECRET: wrongSecret });
    const api = nodeApi(serve.origin, serve.token);
    try {
      const { page, errors } = await open(serve.link);
      await page.getByTestId('nav-sync').click();
      await page.getByTestId('sync-now').click();
      // The run at start and the one just asked for have both ended.
      await expect.poll(async () => (await api.api.invoke('history:list')).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
      await expect.poll(async () => (await api.api.invoke('status:get')).syncing, { timeout: 60_000 }).toBe(false);
      const card = page.locator('[data-testid="account-status-bybit-default"][data-state="failed"]');
      await card.waitFor({ timeout: 60_000 });
      const error = (await api.api.invoke('status:get')).accounts[0]?.lastRun?.error;
      expect(error).toMatchObject({ errorClass: 'auth', message: expect.stringMatching(/secret/i), recommendation: expect.stringMatching(/\S/) });
      // The page shows the last run's own words (its message holds that run's timestamp).
      await expect.poll(() => card.getByTestId('account-error-message').textContent()).toBe(error?.message);
      expect(await card.getByTestId('account-error-recommendation').textContent()).toBe(error?.recommendation);
      await screenshot(page, 'sync-error');

      // A third failure opens the circuit breaker: one sentence in the window's words, one countdown.
      for (const n of [3]) {
        await page.getByTestId('sync-now').click();
        await expect.poll(async () => (await api.api.invoke('history:list')).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(n);
        await expect.poll(async () => (await api.api.invoke('status:get')).syncing, { timeout: 60_000 }).toBe(false);
      }
      const paused = page.locator('[data-testid="account-status-bybit-default"][data-breaker="open"]');
      await paused.waitFor();
      const breaker = (await paused.getByTestId('account-breaker').textContent()) ?? '';
      expect(breaker).toMatch(/^Paused after 3 failed syncs in a row: scheduled syncs skip this account until .+ \(in \d+:\d\d\)\. “Try now” makes one attempt at once\.$/);
      expect(await page.getByTestId('scheduler-next-run').textContent()).toBe('waits for the paused account below');
      // A run that leaves the paused account out is not "0 of 1 accounts failed".
      await page.getByTestId('sync-now').click();
      const headline = page.locator('[data-testid="sync-progress"][data-phase="finished"] [data-testid="sync-summary-headline"]');
      await expect.poll(() => headline.textContent(), { timeout: 60_000 }).toBe('Not synced: the account is paused');
      const pageText = (await page.locator('main').textContent()) ?? '';
      expect(pageText).not.toMatch(/0 of 1|with force|--force|next try in/);
      await screenshot(page, 'sync-paused');

      await page.getByTestId('nav-diagnostics').click();
      await page.getByTestId('diagnostics-run').click();
      const credentials = page.locator('[data-testid="diagnostic-credentials"][data-status="fail"]');
      await credentials.waitFor({ timeout: 60_000 });
      const report = await api.api.invoke('diagnostics:run');
      const check = report.checks.find((c) => c.id === 'credentials');
      expect(check).toMatchObject({ status: 'fail', recommendation: expect.any(String) });
      expect(check?.recommendation.length).toBeGreaterThan(0);
      const text = await credentials.textContent();
      expect(text).toContain(check?.recommendation);
      expect(text).toMatch(/secret/i);
      await screenshot(page, 'diagnostics');
      expect(await page.content()).not.toContain(wrongSecret);
      expect(errors).toEqual([]);
    } finally {
      api.close();
    }
  }, E2E_TIMEOUT);

  it('settings persist across a restart of serve', async () => {
    h = await startHarness();
    serve = await startServe(h.env);
    const first = await open(serve.link);
    await first.page.getByTestId('nav-settings').click();
    const interval = first.page.getByTestId('settings-interval');
    await expect.poll(() => interval.inputValue()).toBe('30');
    await interval.fill('45');
    await first.page.getByTestId('settings-save').click();
    await first.page.getByTestId('settings-saved').waitFor();

    expect(await serve.stop()).toBe(0);
    expect(serve.stderr()).toContain('stopping');
    // The page notices the server is gone.
    await first.page.getByTestId('banner-connection').waitFor();
    // Same address, new token (none is set): a tab reloaded on the old link says so rather than loading forever.
    serve = await startServe(h.env, ['--port', new URL(serve.origin).port]);
    expect(serve.stderr()).toContain('syncing every 45 min');
    await first.page.getByTestId('nav-portfolio').click();
    await first.page.reload();
    const banner = first.page.getByTestId('banner-connection');
    await expect.poll(() => banner.textContent(), { timeout: 30_000 }).toContain('no longer valid');
    await first.page.getByTestId('link-expired').waitFor();
    expect(await first.page.locator('.state-loading').count()).toBe(0);
    await screenshot(first.page, 'link-expired');
    await first.page.goto(serve.link);
    await first.page.reload();
    await first.page.getByTestId('nav-settings').click();
    await expect.poll(() => first.page.getByTestId('settings-interval').inputValue()).toBe('45');
    expect(first.errors).toEqual([]);
  }, E2E_TIMEOUT);
});
