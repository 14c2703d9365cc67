import { describe, expect, it } from 'vitest';
import { createOkxUsageRecorder, okxLimitOf, okxPacePerSecond } from '../../../electron/core/exchange/okx/okx-limits.js';

describe('OKX documented limits', () => {
  it('paces each endpoint at its documented rate rounded down, at least one a second', () => {
    expect(['trade/fills-history', 'account/config', 'asset/bills', 'asset/bills-history', 'market/candles', 'not/in-the-table'].map(okxPacePerSecond))
      .toEqual([5, 2, 6, 1, 20, 1]);
    expect(okxLimitOf('account/bills')).toEqual({ requests: 5, windowMs: 1000 });
    expect(okxLimitOf('not/in-the-table')).toEqual({ requests: 1, windowMs: 1000 });
  });

  it('the peak is the most starts within one window ending at a start; refusals are counted; busiest first', () => {
    const use = createOkxUsageRecorder();
    // fills-history (10 per 2 s): 3 starts within 2 s, then 2 more after a pause.
    for (const t of [0, 500, 1999, 4000, 4100]) use.started('trade/fills-history', t);
    // account/bills (5 per 1 s): a start exactly one window after another is in a new window.
    for (const t of [0, 1000]) use.started('account/bills', t);
    use.rateLimited('account/bills');
    expect(use.usage()).toEqual([
      { endpoint: 'trade/fills-history', requests: 5, peak: 3, limit: 10, windowMs: 2000, rateLimited: 0 },
      { endpoint: 'account/bills', requests: 2, peak: 1, limit: 5, windowMs: 1000, rateLimited: 1 },
    ]);
    use.reset();
    expect(use.usage()).toEqual([]);
  });

  it('endpoints equally busy come in name order', () => {
    const use = createOkxUsageRecorder();
    use.started('asset/balances', 0);
    use.started('asset/bills', 0);
    expect(use.usage().map((e) => e.endpoint)).toEqual(['asset/balances', 'asset/bills']);
  });
});
