import type { Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';
import { ARTIFACTS_DIR, screenshot, screenshotVariants, settled } from './helpers/artifacts.js';
import { closeSession } from './helpers/close-session.js';
import { browserSuite, launchBrowser, watchPageErrors, type BrowserSession } from './helpers/chromium.js';
import { rawGet } from './helpers/http-raw.js';
import { nodeApi } from './helpers/node-api.js';
import { startServe, type ServeProcess } from './helpers/serve-process.js';
import { columnAlignment, overflowOf, textLines } from './helpers/layout.js';

// What a new user sees on each screen, as they would: the first sync's progress, the
// chart over the range chosen, aligned figures, a narrow window, a failed sync after a
// success; and a server with no keychain. Screenshots in light, dark and 800 px.
const E2E_TIMEOUT = 150_000;

browserSuite('dashboard screens in Chromium against `alphapulse-sync serve`', () => {
  let h: SyncHarness | null = null;
  let serve: ServeProcess | null = null;
  let browser: BrowserSession | null = null;
  afterEach(async () => {
    await closeSession({ browser, serve, h });
    [h, serve, browser] = [null, null, null];
  });

  /** A page on `serve`'s link recording errors, every request and every 404 from the start. */
  const open = async (link: string): Promise<{ page: Page; errors: string[]; requests: string[]; notFound: string[] }> => {
    browser ??= await launchBrowser();
    const { page } = browser;
    const errors = watchPageErrors(page);
    const requests: string[] = [];
    const notFound: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    page.on('response', (r) => { if (r.status() === 404) notFound.push(r.url()); });
    await page.goto(link);
    return { page, errors, requests, notFound };
  };

  it('first sync progress, then aligned figures, a narrow window, the history over the chosen range, sortable positions, a failure after a success', async () => {
    h = await startHarness();
    // The first sync waits on the trade history for a while: long enough to see its progress.
    h.server.addFault({ kind: 'latency', ms: 6000, path: '/v5/execution/list', times: 1 });
    serve = await startServe(h.env);
    const api = nodeApi(serve.origin, serve.token);
    try {
      const { page, errors, requests, notFound } = await open(serve.link);
      // Not "0.00 USDT, no holdings yet": the sync that is filling the portfolio.
      const firstSync = page.getByTestId('first-sync');
      await firstSync.waitFor();
      await firstSync.getByTestId('sync-progress').waitFor();
      expect(await page.getByTestId('total-value').count()).toBe(0);
      await screenshot(page, 'first-sync');
      const total = page.getByTestId('total-value');
      await total.waitFor({ timeout: 60_000 });
      expect(await total.textContent()).toBe('62,605.92 USDT');

      // The chart library is not part of the start: it comes with the History screen.
      expect(requests.filter((p) => /history-screen/.test(p))).toEqual([]);
      // A favicon of our own, and no 404 for one.
      const icon = await rawGet(Number(new URL(serve.origin).port), '/favicon.svg');
      expect([icon.status, icon.headers['content-type']]).toEqual([200, 'image/svg+xml']);

      // Every numeric header lines up with its figures (no arrow slot pushing it left).
      const table = page.getByTestId('portfolio-table');
      const offsets = await columnAlignment(table);
      expect(offsets.length).toBeGreaterThanOrEqual(7);
      expect(offsets.every((o) => Math.abs(o) <= 1), `header minus figures, px: ${offsets.join(', ')}`).toBe(true);
      // Prices and quantities follow one rule per kind.
      expect(await page.getByTestId('portfolio-row-BTC').textContent()).toContain('90,000.00');
      await screenshotVariants(page, 'portfolio');

      // 800 px: the table scrolls sideways inside its card, with a scrollbar; the total stays on one line.
      await page.setViewportSize({ width: 800, height: 860 });
      await settled(page);
      const wrap = await overflowOf(page.locator('.table-card .table-wrap').first());
      expect(wrap.scrollWidth).toBeGreaterThan(wrap.clientWidth);
      expect(wrap.overflowX).toMatch(/auto|scroll/);
      expect(wrap.scrollbarHeight).toBeGreaterThan(0);
      expect(wrap.lastColumnReachable).toBe(true);
      expect(await textLines(total)).toBe(1);
      await page.locator('.table-card').first().screenshot({ path: `${ARTIFACTS_DIR}/portfolio-800-table.png` });
      const [totalBox, cardBox] = await Promise.all([total.boundingBox(), page.locator('.summary-total').boundingBox()]);
      expect(totalBox!.x + totalBox!.width).toBeLessThanOrEqual(cardBox!.x + cardBox!.width);
      await page.setViewportSize({ width: 1280, height: 860 });

      // Three more syncs, each with another BTC balance: four points seconds apart.
      for (const btc of ['0.5', '0.6', '0.7']) {
        h.server.setBalance('UNIFIED', 'BTC', btc);
        expect((await api.api.invoke('sync:run', { trigger: 'manual' })).ok).toBe(true);
      }
      const points = await api.api.invoke('net-value:get', { range: '24h' });
      // Each measured value includes the open position's unrealised P&L (500); the day before
      // the first sync, reconstructed from the trades, may fall in the range too.
      expect(points.filter((p) => p.source === 'sync').map((p) => p.value)).toEqual(['62605.922', '71605.922', '80605.922', '89605.922']);

      await page.getByTestId('nav-history').click();
      await page.getByTestId('history-range-24h').click();
      const chart = page.getByTestId('history-chart');
      await chart.locator(`figure[aria-label*=": ${points.length} points"]`).waitFor();
      expect(requests.filter((p) => /history-screen/.test(p)).length).toBeGreaterThan(0);
      // The measured line and, when the reconstructed day is in range, the dashed one.
      const curves = chart.locator('path.recharts-area-curve');
      await curves.first().waitFor();
      const d = (await curves.evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? '').join(' ')));
      expect((d.match(/[CL]/g) ?? []).length).toBeGreaterThanOrEqual(points.length - 1);
      // The x axis spans the 24 hours chosen, labelled in hours, though the points are seconds apart.
      const xLabels = await chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
      expect(xLabels.length).toBeGreaterThanOrEqual(4);
      for (const l of xLabels) expect(l).toMatch(/^\d{1,2}:00\s?[AP]M$/);
      // Round y ticks: equal steps, each tick a whole multiple of the step.
      const yValues = (await chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()).map(parseCompact);
      expect(yValues.length).toBeGreaterThanOrEqual(3);
      const step = yValues[1]! - yValues[0]!;
      for (let i = 1; i < yValues.length; i++) expect(yValues[i]! - yValues[i - 1]!).toBeCloseTo(step, 6);
      for (const v of yValues) expect(v / step).toBeCloseTo(Math.round(v / step), 6);
      // The change is over the span the points cover, not "in 24 h".
      // From the range's first point (the reconstructed day before the first sync, when it is in
      // range) to the last.
      const change = Number(points.at(-1)!.value) - Number(points[0]!.value);
      const pct = (change / Number(points[0]!.value)) * 100;
      const shown = `+${change.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} USDT (+${pct.toFixed(2)}%)`;
      expect(await chart.getByTestId('history-head').textContent()).toMatch(new RegExp(`${shown.replace(/[+().]/g, '\\$&')} over \\d+ (second|minute|hour)s?$`));
      await screenshotVariants(page, 'history');

      // Positions sort like every other table, with the state in aria-sort.
      await page.getByTestId('nav-positions').click();
      const positions = page.getByTestId('positions-table');
      await positions.waitFor();
      const sizeHeader = positions.locator('th', { has: page.getByTestId('sort-size') });
      expect(await sizeHeader.getAttribute('aria-sort')).toBe('none');
      await page.getByTestId('sort-size').focus();
      await page.keyboard.press('Enter');
      expect(await sizeHeader.getAttribute('aria-sort')).toBe('descending');
      const positionOffsets = await columnAlignment(positions);
      expect(positionOffsets.every((o) => Math.abs(o) <= 1), `header minus figures, px: ${positionOffsets.join(', ')}`).toBe(true);
      await screenshotVariants(page, 'positions');
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-form').waitFor();
      await screenshotVariants(page, 'settings');

      // A failure after successes: the pill's time is the last success, and says so.
      h.server.addFault({ kind: 'retCode', retCode: 10003, path: '/v5/account/wallet-balance' });
      expect((await api.api.invoke('sync:run', { trigger: 'manual' })).ok).toBe(false);
      const pill = page.getByTestId('status-pill');
      await expect.poll(() => pill.textContent()).toMatch(/^Sync failed · last success (now|\d+ seconds? ago)$/);
      await page.getByTestId('nav-sync').click();
      await page.locator('[data-testid="account-status-bybit-default"][data-state="failed"]').waitFor();
      await screenshotVariants(page, 'sync-failed');
      expect(notFound).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      api.close();
    }
  }, E2E_TIMEOUT);

  it('without a keychain the first screen says what works here before a key is typed; serve says "no account" once', async () => {
    h = await startHarness();
    // No D-Bus session bus: no Secret Service, as on a headless server.
    serve = await startServe({ DATA_DIR: h.dataDir, DATABASE_URL: h.db.url, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/alphapulse-no-bus' });
    const api = nodeApi(serve.origin, serve.token);
    try {
      const { page, errors } = await open(serve.link);
      const card = page.getByTestId('onboarding-no-keychain');
      await card.waitFor({ timeout: 30_000 });
      expect(await card.textContent()).toContain('cannot be saved on this computer');
      expect(await page.getByTestId('onboarding-env-command').textContent()).toBe('BYBIT_API_KEY=… BYBIT_API_SECRET=… npx alphapulse-sync serve');
      // No form to type a key into that "Save" would then refuse.
      expect(await page.getByTestId('onboarding-start').count()).toBe(0);
      expect(await page.getByTestId('account-api-secret').count()).toBe(0);
      await screenshotVariants(page, 'onboarding-no-keychain');
      // Settings' "Add account" says the same instead of a form that could only fail.
      await page.goto(`${serve.origin}#/settings`);
      await page.getByTestId('account-add').click();
      await page.getByTestId('settings-accounts').getByTestId('onboarding-no-keychain').waitFor();
      expect(await page.getByTestId('account-api-secret').count()).toBe(0);

      // Diagnostics say the same.
      await page.goto(`${serve.origin}#/diagnostics`);
      await page.getByTestId('diagnostics-run').click();
      const keychain = page.locator('[data-testid="diagnostic-keychain"][data-status="warn"]');
      await keychain.waitFor({ timeout: 60_000 });
      expect(await keychain.textContent()).toContain('BYBIT_API_KEY=… BYBIT_API_SECRET=… npx alphapulse-sync serve');

      // The run at start had no account: the banner said so, and nothing repeats it.
      await expect.poll(async () => (await api.api.invoke('status:get')).syncing).toBe(false);
      expect(serve.stderr().match(/no exchange account is configured/gi)).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      api.close();
    }
  }, E2E_TIMEOUT);
});

/** "61.5K" → 61500, "950" → 950. */
function parseCompact(label: string): number {
  const m = /^([\d.,]+)([KMB]?)$/.exec(label.trim());
  if (!m) throw new Error(`not a compact number: ${label}`);
  return Number(m[1]!.replace(/,/g, '')) * ({ '': 1, K: 1e3, M: 1e6, B: 1e9 }[m[2]!] ?? 1);
}
