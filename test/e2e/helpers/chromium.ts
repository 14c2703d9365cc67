import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe } from 'vitest';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const available = existsSync(CHROMIUM_PATH);

/**
 * `describe` for browser tests: skipped where Chromium is missing, except under CI=true,
 * where the missing browser fails them (launchBrowser throws) instead of hiding them.
 */
export const browserSuite = available || process.env.CI === 'true' ? describe : describe.skip;

/** A browser with a fresh profile, its first page, and how to close both. */
export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Starts headless Chromium with a new user-data-dir and the en-US locale (the formatted figures the tests read depend on it). */
export async function launchBrowser(opts: { bypassCSP?: boolean } = {}): Promise<BrowserSession> {
  if (!available) throw new Error(`Chromium was not found at ${CHROMIUM_PATH}: install Debian's "chromium" package (or set CHROMIUM_PATH)`);
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'alphapulse-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    locale: 'en-US',
    // Only for injecting a checker such as axe-core, which the page's own CSP rightly refuses.
    bypassCSP: opts.bypassCSP === true,
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 860 },
    // Scrollbars as a person sees them (headless hides them by default): a table that scrolls sideways must show it.
    ignoreDefaultArgs: ['--hide-scrollbars'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  return {
    context, page,
    async close() {
      await context.close();
      await fs.rm(profile, { recursive: true, force: true });
    },
  };
}

/** Collects what the page reports as broken: uncaught errors and CSP violations show up here. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) errors.push(`csp: ${m.text()}`);
  });
  return errors;
}
