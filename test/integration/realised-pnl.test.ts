import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { Dec } from '../../electron/core/portfolio/decimal.js';
import { emptyHistory, smallScenario } from '../fake-bybit/index.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// Realised P&L and fees of the small scenario (test/fake-bybit/scenario.ts), by hand:
// BTC is bought 0.4 @ 40000 (fee 0.0004 BTC) and 0.2 @ 65000 on USDC (fee 10 MNT at 1.30):
// 0.5996 BTC for 29013. MNT: 60 @ 1.25 (fee 0.06 MNT): 59.94 for 75.
const d = (s: string) => new Dec(s);
const BTC_AVG = d('29013').div('0.5996');
const MNT_AVG = d('75').div('59.94');
// The 10 MNT fee is a disposal of MNT worth 13 USDT.
const MNT_FEE_PNL = d('13').minus(d('10').times(MNT_AVG));
// Sell 0.0396 BTC @ 80000, fee 3.168 USDT.
const BTC_SELL_PNL = d('3168').minus('3.168').minus(d('0.0396').times(BTC_AVG));
// Buy 2 ETH @ 0.03 BTC while BTC is at 60000: 0.06 BTC given up, worth 3600.
const BTC_CROSS_PNL = d('3600').minus(d('0.06').times(BTC_AVG));
// Fees: BTC 0.0004 × 40000 + 13 + 3.168; MNT 0.06 × 1.25; ETH 0.002 × 0.03 × 60000 + 0.001 × 2500.
const FEES = { BTC: d('32.168'), MNT: d('0.075'), ETH: d('6.1') };

const near = (a: string | null | undefined, b: Dec) => a !== null && a !== undefined && d(a).minus(b).abs().lt('1e-30');

describe('realised P&L and fees, stored per fill', () => {
  let h: SyncHarness;
  let core: Core;

  beforeAll(async () => {
    // The trades alone: the scenario's deposits would leave some BTC without a cost under the
    // default policy (test/integration/deposit-cost-basis.test.ts covers that).
    h = await startHarness({ server: { scenario: { ...smallScenario(), history: emptyHistory() } } });
    core = await h.core();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
  });
  afterAll(async () => h.close());

  it('books every spot fill and totals them, sold-out coins included', async () => {
    const p = await core.invoke('portfolio:get');
    expect(p.trading).not.toBeNull();
    expect(near(p.trading!.realisedPnl, MNT_FEE_PNL.plus(BTC_SELL_PNL).plus(BTC_CROSS_PNL))).toBe(true);
    expect(near(p.trading!.feesPaid, FEES.BTC.plus(FEES.MNT).plus(FEES.ETH))).toBe(true);
    expect(p.trading).toMatchObject({ realisedPnlPartial: false, feesPartial: false });
    const { rows } = await h.db.pool.query<{ n: number; booked: number }>("SELECT count(*)::int AS n, count(*) FILTER (WHERE booked)::int AS booked FROM fills WHERE category = 'spot'");
    expect(rows[0]).toEqual({ n: 6, booked: 6 });
  });

  it('gives each held asset its realised P&L and fees; cash has none', async () => {
    const p = await core.invoke('portfolio:get');
    const by = (asset: string) => p.items.find((i) => i.asset === asset)!;
    expect(near(by('BTC').realisedPnl, BTC_SELL_PNL.plus(BTC_CROSS_PNL))).toBe(true);
    expect(near(by('BTC').feesPaid, FEES.BTC)).toBe(true);
    expect(near(by('MNT').realisedPnl, MNT_FEE_PNL)).toBe(true);
    expect(by('ETH').realisedPnl).toBe('0');
    expect(near(by('ETH').feesPaid, FEES.ETH)).toBe(true);
    expect(by('USDT')).toMatchObject({ realisedPnl: null, feesPaid: null });
    // QBIT was never traded.
    expect(by('QBIT')).toMatchObject({ realisedPnl: null, feesPaid: null });
  });

  it('re-books later fills when an earlier one arrives late', async () => {
    const now = h.server.now();
    h.server.addFill({ category: 'spot', symbol: 'SOLUSDT', side: 'Buy', execQty: '10', execPrice: '100', execTime: now - 60_000, execId: 'sol-buy-1', execFee: '0', feeCurrency: 'USDT' });
    h.server.addFill({ category: 'spot', symbol: 'SOLUSDT', side: 'Sell', execQty: '5', execPrice: '150', execTime: now - 30_000, execId: 'sol-sell', execFee: '0', feeCurrency: 'USDT' });
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    const pnl = async () => (await h.db.pool.query<{ realised_pnl: string }>("SELECT realised_pnl FROM fills WHERE fill_id = 'sol-sell'")).rows[0]?.realised_pnl;
    expect(await pnl()).toBe('250');
    // A buy executed before the sale, reported only now (inside the re-read overlap).
    h.server.addFill({ category: 'spot', symbol: 'SOLUSDT', side: 'Buy', execQty: '10', execPrice: '130', execTime: now - 45_000, execId: 'sol-buy-2', execFee: '0', feeCurrency: 'USDT' });
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    // Average before the sale: (1000 + 1300) / 20 = 115 → 5 × (150 − 115) = 175.
    expect(await pnl()).toBe('175');
  });

  it('books fills stored before realised P&L existed on the next sync', async () => {
    const before = (await h.db.pool.query("SELECT fill_id, fee_usdt::text, realised_pnl::text FROM fills ORDER BY fill_id")).rows;
    await h.db.pool.query('UPDATE fills SET booked = FALSE, fee_usdt = NULL, realised_pnl = NULL');
    // A fresh process: nothing cached.
    const fresh = await h.core();
    expect((await fresh.sync.syncAll('test')).ok).toBe(true);
    expect((await h.db.pool.query("SELECT fill_id, fee_usdt::text, realised_pnl::text FROM fills ORDER BY fill_id")).rows).toEqual(before);
    expect((await h.db.pool.query("SELECT count(*)::int AS n FROM fills WHERE category = 'spot' AND NOT booked")).rows[0]).toEqual({ n: 0 });
  });
});
