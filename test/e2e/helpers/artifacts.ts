import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** Screenshots of each screen, for people to look at (test-artifacts/ is gitignored). */
export const ARTIFACTS_DIR = path.resolve(import.meta.dirname, '../../../test-artifacts/e2e');

export async function screenshot(page: Page, name: string): Promise<string> {
  await fs.mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Two animation frames: React and the charts have laid out again after a resize or a theme change. */
export function settled(page: Page): Promise<void> {
  // Runs in the page; the test program is compiled without the DOM library.
  return page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())))');
}

/** The screen as it is now in light, dark and an 800 px wide window: `<name>-light|dark|800.png`. */
export async function screenshotVariants(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 860 };
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await settled(page);
    await screenshot(page, `${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 800, height: size.height });
  await settled(page);
  await screenshot(page, `${name}-800`);
  await page.setViewportSize(size);
  await settled(page);
}
