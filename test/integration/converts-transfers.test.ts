import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { Dec } from '../../electron/core/portfolio/decimal.js';
import { emptyHistory, smallScenario, type Scenario } from '../fake-bybit/index.js';
import { runCli } from '../helpers/cli.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// The small scenario's trades (test/fake-bybit/scenario.ts) with a convert and transfers to
// and from a sub-account, and no other history. By hand:
// - BTC: 0.4 @ 40,000 (fee 0.0004 BTC) and 0.2 @ 65,000 (fee 13 USDT in MNT): 0.5996 for
//   29,013 (average A); 0.0396 sold and 0.06 given for ETH leave 0.5 at A.
// - ETH: 2 for 0.06 BTC at 60,000 (fee 0.002 ETH) and 1 @ 2,500 (fee 0.001 ETH): 2.997 for 6,100.
// - 8 days ago 1 ETH is converted into 0.04 BTC; ETH then trades at 2,500, BTC at 60,000. The
//   convert is a sale of 1 ETH for 2,500 USDT and a purchase of 0.04 BTC for 2,500.
// - 6 days ago 0.1 BTC goes to a sub-account (leaves at the average); 4 days ago 0.05 BTC
//   comes in from another (no cost by default; at 60,000 under the market policy).
const DAY = 86_400_000;
const d = (s: string) => new Dec(s);
const A = d('29013').div('0.5996');
const ETH_AVG = d('6100').div('2.997');
const CONVERT_PNL = d('2500').minus(ETH_AVG);
// 0.5 BTC at A, then 0.04 for 2,500.
const AFTER_CONVERT = A.times('0.5').plus('2500').div('0.54');
// This account is member 100001. Its transfers name it on one side and a sub-account on
// the other; two sub-accounts, since transfers between the same two members alone could
// not tell which side is this account.
const MEMBER = '100001';
const SUB = '200003';
const OTHER_SUB = '200002';

function scenario(now: number): Scenario {
  const s = smallScenario(now);
  const at = (days: number) => now - days * DAY + 3 * 3_600_000;
  s.history = {
    ...emptyHistory(),
    converts: [{ exchangeTxId: 'cv-eth-btc', fromCoin: 'ETH', fromAmount: '1', toCoin: 'BTC', toAmount: '0.04', exchangeRate: '0.04', createdTime: at(8) }],
    universalTransfers: [
      { transferId: 'ut-out', coin: 'BTC', amount: '0.1', fromMemberId: MEMBER, toMemberId: SUB, fromAccountType: 'UNIFIED', toAccountType: 'UNIFIED', timestamp: at(6), status: 'SUCCESS' },
      { transferId: 'ut-in', coin: 'BTC', amount: '0.05', fromMemberId: OTHER_SUB, toMemberId: MEMBER, fromAccountType: 'UNIFIED', toAccountType: 'UNIFIED', timestamp: at(4), status: 'SUCCESS' },
    ],
  };
  // The wallets as those moves leave them: BTC 0.5 + 0.04 − 0.1 + 0.05, ETH 2.997 − 1.
  s.wallets.UNIFIED = s.wallets.UNIFIED.map((c) => (c.coin === 'BTC' ? { ...c, walletBalance: '0.39' } : c.coin === 'ETH' ? { ...c, walletBalance: '1.997' } : c));
  return s;
}

const syncedAgain = (core: Core) => new Promise<void>((resolve) => { const off = core.events.on('sync:finished', () => { off(); resolve(); }); });

describe('converts and sub-account transfers in the cost basis, against the fake', () => {
  let h: SyncHarness;
  let core: Core;

  beforeAll(async () => {
    h = await startHarness({ server: { scenario: scenario(Date.now()) } });
    core = await h.core();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
  });
  afterAll(async () => h.close());

  it('stores the convert with both coins\' prices of its minute, and the transfer in with its coin\'s', async () => {
    const { rows } = await h.db.pool.query<{ kind: string; flow_id: string; usdt_rate: string | null; counter_usdt_rate: string | null }>(
      "SELECT kind, flow_id, usdt_rate::text, counter_usdt_rate::text FROM cash_flows ORDER BY occurred_at");
    expect(rows).toEqual([
      { kind: 'convert', flow_id: 'cv-eth-btc', usdt_rate: '60000', counter_usdt_rate: '2500' },
      { kind: 'universal-transfer', flow_id: 'ut-out', usdt_rate: '60000', counter_usdt_rate: null },
      { kind: 'universal-transfer', flow_id: 'ut-in', usdt_rate: '60000', counter_usdt_rate: null },
    ]);
  });

  it('the convert realises 2,500 − the average of 1 ETH, stored with it and shown wherever realised P&L is', async () => {
    const { rows } = await h.db.pool.query<{ realised_pnl: string; booked: boolean; cost_policy: string }>(
      "SELECT realised_pnl::text, booked, cost_policy FROM cash_flows WHERE kind = 'convert'");
    expect(rows).toEqual([{ realised_pnl: CONVERT_PNL.toString(), booked: true, cost_policy: 'unknown' }]);
    const p = await core.invoke('portfolio:get');
    const eth = p.items.find((i) => i.asset === 'ETH')!;
    // ETH's only disposal is the convert; its average and what is left are untouched by it.
    expect(eth).toMatchObject({ quantity: '1.997', avgEntryPrice: ETH_AVG.toString(), avgEntryPartial: false, realisedPnl: CONVERT_PNL.toString(), feesPaid: '6.1' });
    // The trades' realised P&L (the MNT fee, the BTC sale, the BTC given for ETH) and the convert's.
    const trades = d('13').minus(d('10').times(d('75').div('59.94')))
      .plus(d('3168').minus('3.168').minus(d('0.0396').times(A)))
      .plus(d('3600').minus(d('0.06').times(A)));
    expect(d(p.trading!.realisedPnl).minus(trades.plus(CONVERT_PNL)).abs().lt('1e-30')).toBe(true);
    expect(p.trading!.realisedPnlPartial).toBe(false);
    const view = await h.db.pool.query<Record<string, string | boolean | null>>(
      "SELECT symbol, base, quote, side, price::text, quantity::text, fee_usdt::text, realised_pnl::text, booked, fill_id FROM v_realised_pnl WHERE kind = 'convert'");
    expect(view.rows).toEqual([{ symbol: null, base: 'ETH', quote: 'BTC', side: 'sell', price: '0.04000000000000000000', quantity: '1', fee_usdt: '0', realised_pnl: CONVERT_PNL.toString(), booked: true, fill_id: 'cv-eth-btc' }]);
    const csv = await runCli(['export', 'realised'], h.env);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('time,exchange,account,symbol,base,quote,side,price,quantity,realised_pnl,fee_usdt,fill_id,kind');
    const at = (await h.db.pool.query<{ t: Date }>("SELECT occurred_at AS t FROM cash_flows WHERE kind = 'convert'")).rows[0]!.t;
    expect(lines.filter((l) => l.endsWith(',convert'))).toEqual([
      `${at.toISOString()},bybit,default,,ETH,BTC,sell,0.04000000000000000000,1,${CONVERT_PNL.toString()},0,cv-eth-btc,convert`,
    ]);
    // The fills that realised something come too, in time order.
    expect(lines.slice(1).map((l) => l.split(',').at(-1))).toEqual(['fill', 'fill', 'fill', 'convert']);
  });

  it('BTC received by the convert costs 2,500; the transfer out leaves at the average, the one back in has no cost by default', async () => {
    const btc = (await core.invoke('portfolio:get')).items.find((i) => i.asset === 'BTC')!;
    expect(btc).toMatchObject({ quantity: '0.49', avgEntryPrice: AFTER_CONVERT.toString(), avgEntryPartial: true });
    // Neither transfer realised anything: BTC's realised P&L is the sale's and the ETH purchase's.
    expect(d(btc.realisedPnl!).minus(d('3168').minus('3.168').minus(d('0.0396').times(A)).plus(d('3600').minus(d('0.06').times(A)))).abs().lt('1e-30')).toBe(true);
  });

  it('a second sync changes nothing: the stored rates and bookings stand', async () => {
    const snapshot = async () => (await h.db.pool.query("SELECT flow_id, usdt_rate::text, counter_usdt_rate::text, realised_pnl::text, booked FROM cash_flows ORDER BY flow_id")).rows;
    const before = await snapshot();
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    expect(await snapshot()).toEqual(before);
    expect((await core.invoke('portfolio:get')).items.find((i) => i.asset === 'BTC')?.avgEntryPrice).toBe(AFTER_CONVERT.toString());
  });

  it('under the market policy the transfer in enters at 60,000 a BTC, and back to unknown it has no cost again', async () => {
    let finished = syncedAgain(core);
    await core.invoke('settings:update', { depositCostBasis: 'market' });
    await finished;
    let btc = (await core.invoke('portfolio:get')).items.find((i) => i.asset === 'BTC')!;
    // 0.44 at the convert's average, then 0.05 for 3,000.
    expect(btc).toMatchObject({ avgEntryPrice: AFTER_CONVERT.times('0.44').plus('3000').div('0.49').toString(), avgEntryPartial: false });
    // The convert does not depend on the deposit policy, but says which made it.
    const { rows } = await h.db.pool.query("SELECT realised_pnl::text, cost_policy FROM cash_flows WHERE kind = 'convert'");
    expect(rows).toEqual([{ realised_pnl: CONVERT_PNL.toString(), cost_policy: 'market' }]);
    finished = syncedAgain(core);
    await core.invoke('settings:update', { depositCostBasis: 'unknown' });
    await finished;
    btc = (await core.invoke('portfolio:get')).items.find((i) => i.asset === 'BTC')!;
    expect(btc).toMatchObject({ avgEntryPrice: AFTER_CONVERT.toString(), avgEntryPartial: true });
  });

  it('records stored without their prices (before they were kept) take them when their kind is read again', async () => {
    const rates = async () => (await h.db.pool.query("SELECT flow_id, usdt_rate::text, counter_usdt_rate::text FROM cash_flows ORDER BY flow_id")).rows;
    const before = await rates();
    await h.db.pool.query('UPDATE cash_flows SET usdt_rate = NULL, counter_usdt_rate = NULL');
    // What migration 0013 does for such records: their kinds are read from the start again.
    await h.db.pool.query("DELETE FROM import_cursors WHERE kind IN ('converts', 'universal-transfers')");
    expect((await core.sync.syncAll('test')).ok).toBe(true);
    expect(await rates()).toEqual(before);
    const { rows } = await h.db.pool.query("SELECT realised_pnl::text FROM cash_flows WHERE kind = 'convert'");
    expect(rows).toEqual([{ realised_pnl: CONVERT_PNL.toString() }]);
    expect((await core.invoke('portfolio:get')).items.find((i) => i.asset === 'ETH')?.realisedPnl).toBe(CONVERT_PNL.toString());
  });
});
