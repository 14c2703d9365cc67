import { expect } from 'vitest';
import type { SyncHarness } from '../../helpers/sync-harness.js';
import type { BrowserSession } from './chromium.js';
import type { ServeProcess } from './serve-process.js';

/**
 * Ends what an end-to-end test started, browser first, then `serve` (which must stop
 * cleanly: exit 0 on SIGTERM, every time), then the harness (database and fake exchange).
 */
export async function closeSession(s: { browser: BrowserSession | null; serve: ServeProcess | null; h: SyncHarness | null }): Promise<void> {
  await s.browser?.close();
  const code = await s.serve?.stop();
  if (s.serve) expect(code, s.serve.stderr()).toBe(0);
  await s.h?.close();
}
