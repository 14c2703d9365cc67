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
