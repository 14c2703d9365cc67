import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { emptyHistory, smallScenario, type Scenario } from '../fake-bybit/index.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// One sub-account only: 0.05 BTC comes in from it. The records alone cannot say which of
// the two members is this account; the Funding balance answer names it (member 100001,
// the fake's user id), so the transfer is placed: in, explaining the balance, and under
// the market policy costed at BTC's price of its minute.
const DAY = 86_400_000;
const MEMBER = '100001';
const SUB = '200003';

function scenario(now: number): Scenario {
  const s = smallScenario(now);
  s.history = {
    ...emptyHistory(),
    universalTransfers: [
      { transferId: 'ut-in', coin: 'BTC', amount: '0.05', fromMemberId: SUB, toMemberId: MEMBER, fromAccountType: 'UNIFIED', toAccountType: 'UNIFIED', timestamp: now - 4 * DAY, status: 'SUCCESS' },
    ],
  };
  s.wallets.UNIFIED = s.wallets.UNIFIED.map((c) => (c.coin === 'BTC' ? { ...c, walletBalance: '0.45' } : c));
  return s;
}

describe('a single sub-account: the transfer is placed by the account\'s own member id', () => {
  let h: SyncHarness;
  let core: Core;
  beforeAll(async () => {
    h = await startHarness({ server: { scenario: scenario(Date.now()) } });
    core = await h.core();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
  });
  afterAll(async () => h.close());

  it('reconciliation counts it in: BTC is explained, and no transfer is left undirected', async () => {
    const { rows } = await h.db.pool.query<{ asset: string; unexplained: string; likely_cause: string | null }>(
      "SELECT asset, unexplained::text, likely_cause FROM reconciliation WHERE asset = 'BTC'");
    expect(rows).toEqual([{ asset: 'BTC', unexplained: '0', likely_cause: null }]);
  });

  it('the cost basis books it as a deposit: partial by default, at its minute\'s price under the market policy', async () => {
    const btc = async () => (await core.invoke('portfolio:get')).items.find((i) => i.asset === 'BTC')!;
    expect((await btc()).avgEntryPartial).toBe(true);
    const done = new Promise<void>((resolve) => { const off = core.events.on('sync:finished', () => { off(); resolve(); }); });
    await core.invoke('settings:update', { depositCostBasis: 'market' });
    await done;
    expect((await btc()).avgEntryPartial).toBe(false);
  });
});
