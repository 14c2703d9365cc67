import { describe, expect, it } from 'vitest';
import { withHarness } from '../helpers/sync-harness.js';

// The core's services talk through events, not through each other: the scheduler hears
// every finished sync (manual ones too) on `sync:finished`.

describe('core wiring', () => {
  it('a manual sync puts the next scheduled one an interval after it', () => withHarness({}, async (h) => {
    const core = await h.core({ env: { EXCHANGE_SYNC_INTERVAL_MINUTES: '45' } });
    expect((await core.sync.syncAll('manual')).ok).toBe(true);
    // With a recent success the scheduler waits a full interval from it.
    await core.scheduler.start();
    const first = core.scheduler.status().nextRunAt;
    const summary = await core.sync.syncAll('manual');
    expect(summary.ok).toBe(true);
    const next = core.scheduler.status().nextRunAt;
    expect(next).not.toEqual(first);
    expect(next?.toISOString()).toBe(new Date(new Date(summary.finishedAt).getTime() + 45 * 60_000).toISOString());
  }));
});
