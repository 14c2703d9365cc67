import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { Dec } from '../../electron/core/portfolio/decimal.js';
import { emptyHistory, smallScenario, type Scenario } from '../fake-bybit/index.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// The small scenario's trades (test/fake-bybit/scenario.ts) with this account's own cash
// flows: 0.5 BTC deposited 300 days ago (BTC then at 40,000), 0.1 BTC withdrawn 70 days ago
// with a 0.0002 fee; a failed withdrawal and a deposit still unconfirmed, which never moved
// the balance. Trades: BTC bought 0.4 @ 40,000 (fee 0.0004 BTC) and 0.2 @ 65,000 (fee 13
// USDT in MNT): 0.5996 BTC for 29,013; sold 0.0396 @ 80,000 (fee 3.168), 0.06 given for ETH.
const DAY = 86_400_000;
const d = (s: string) => new Dec(s);

function scenario(now: number): Scenario {
  const s = smallScenario(now);
  const at = (days: number) => now - days * DAY + 3_600_000;
  s.history = {
    ...emptyHistory(),
    deposits: [
      { id: 'd-1', coin: 'BTC', chain: 'BTC', amount: '0.5', txID: 'tx-d1', status: 3, toAddress: 'bc1qfake', depositFee: '', successAt: at(300) },
      { id: 'd-2', coin: 'BTC', chain: 'BTC', amount: '7', txID: 'tx-d2', status: 1, toAddress: 'bc1qfake', depositFee: '', successAt: at(3) },
    ],
    withdrawals: [
      { withdrawId: 'w-1', coin: 'BTC', chain: 'BTC', amount: '0.1', withdrawFee: '0.0002', txID: 'tx-w1', status: 'success', toAddress: 'bc1qelse', withdrawType: 0, createTime: at(70) },
      { withdrawId: 'w-2', coin: 'BTC', chain: 'BTC', amount: '5', withdrawFee: '0.0002', txID: 'tx-w2', status: 'Fail', toAddress: 'bc1qelse', withdrawType: 0, createTime: at(69) },
    ],
  };
  return s;
}

describe('deposits in the cost basis, by the depositCostBasis setting', () => {
  let h: SyncHarness;
  let core: Core;

  beforeAll(async () => {
    const now = Date.now();
    h = await startHarness({ server: { scenario: scenario(now) } });
    core = await h.core();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
  });
  afterAll(async () => h.close());

  it('stores each deposit with the USDT price of its minute (BTC at 40,000 then, 60,000 three days ago)', async () => {
    const { rows } = await h.db.pool.query<{ flow_id: string; usdt_rate: string | null }>("SELECT flow_id, usdt_rate::text FROM cash_flows WHERE kind = 'deposit' ORDER BY flow_id");
    expect(rows).toEqual([{ flow_id: 'd-1', usdt_rate: '40000' }, { flow_id: 'd-2', usdt_rate: '60000' }]);
  });

  it('by default a deposit has no cost: BTC keeps its traded average, partial, and its sales realise an unknown amount', async () => {
    const p = await core.invoke('portfolio:get');
    const btc = p.items.find((i) => i.asset === 'BTC')!;
    expect(btc.avgEntryPrice).toBe(d('29013').div('0.5996').toString());
    expect(btc.avgEntryPartial).toBe(true);
    expect(btc.realisedPnlPartial).toBe(true);
    expect(p.trading).toMatchObject({ depositCostBasis: 'unknown', realisedPnlPartial: true });
    const { rows } = await h.db.pool.query("SELECT DISTINCT cost_policy FROM portfolio_items WHERE exchange_id = 'bybit'");
    expect(rows).toEqual([{ cost_policy: 'unknown' }]);
  });

  it('at market value, the deposit enters at 40,000 a BTC and every figure is worked out again at once', async () => {
    const finished = new Promise<void>((resolve) => { const off = core.events.on('sync:finished', () => { off(); resolve(); }); });
    const view = await core.invoke('settings:update', { depositCostBasis: 'market' });
    expect(view.depositCostBasis).toBe('market');
    await finished;
    const p = await core.invoke('portfolio:get');
    const btc = p.items.find((i) => i.asset === 'BTC')!;
    // 0.5 deposited for 20,000; 0.1002 withdrawn at that average; then the trades:
    // (0.3998 × 40,000 + 29,013) / (0.3998 + 0.5996) = 45,005 / 0.9994.
    const avg = d('45005').div('0.9994');
    expect(btc.avgEntryPrice).toBe(avg.toString());
    // The 0.5 BTC held is less than the books' 0.8998: the average stands, not partial.
    expect(btc.avgEntryPartial).toBe(false);
    // The sale: 0.0396 × 80,000 − 3.168 − 0.0396 × avg; the 0.06 BTC paid for ETH: 0.06 × 60,000 − 0.06 × avg.
    const sale = d('3168').minus('3.168').minus(d('0.0396').times(avg));
    const cross = d('3600').minus(d('0.06').times(avg));
    expect(d(btc.realisedPnl!).minus(sale.plus(cross)).abs().lt('1e-30')).toBe(true);
    expect(btc.realisedPnlPartial).toBe(false);
    expect(p.trading?.depositCostBasis).toBe('market');
    const { rows } = await h.db.pool.query("SELECT DISTINCT cost_policy FROM fills WHERE category = 'spot'");
    expect(rows).toEqual([{ cost_policy: 'market' }]);
  });

  it('back to unknown: the figures follow the policy again', async () => {
    const finished = new Promise<void>((resolve) => { const off = core.events.on('sync:finished', () => { off(); resolve(); }); });
    await core.invoke('settings:update', { depositCostBasis: 'unknown' });
    await finished;
    const btc = (await core.invoke('portfolio:get')).items.find((i) => i.asset === 'BTC')!;
    expect(btc.avgEntryPrice).toBe(d('29013').div('0.5996').toString());
    expect(btc.avgEntryPartial).toBe(true);
  });
});
