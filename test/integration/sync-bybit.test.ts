import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../electron/core/portfolio/decimal.js';
import type { Core } from '../../electron/core/core.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// The small scenario's holdings and fills are listed in test/fake-bybit/scenario.ts;
// every expected figure below is worked out by hand from that table, by the average-cost method.
const d = (s: string) => new Dec(s);
// BTC: buy 0.4 @ 40000 (fee 0.0004 BTC) → 0.3996 for 16000; buy 0.2 @ 65000 on USDC
// (fee 10 MNT × 1.30) → 0.5996 for 29013; sells keep the average.
const BTC_AVG = d('29013').div('0.5996');
// ETH: 2 @ 0.03 BTC with BTC at 60000 (fee 0.002 ETH) → 1.998 for 3600; 1 @ 2500
// (fee 0.001 ETH) → 2.997 for 6100.
const ETH_AVG = d('6100').div('2.997');
// MNT: 60 @ 1.25 (fee 0.06 MNT) → 59.94 for 75; 10 MNT paid as a fee later keeps the average.
const MNT_AVG = d('75').div('59.94');

describe('sync of a Bybit UTA account through ccxt into PostgreSQL', () => {
  let h: SyncHarness;
  let core: Core;

  beforeAll(async () => {
    h = await startHarness();
    core = await h.core();
  });
  afterAll(async () => h.close());

  it('first sync imports balances, prices, two years of fills and positions, reporting progress', async () => {
    const progress: Array<{ step: string; done: number; total: number | null }> = [];
    const off = core.events.on('sync:progress', (p) => progress.push(p));
    const summary = await core.sync.syncAll('test');
    off();
    // The history import reports every window of every kind as one figure: 105 seven-day
    // windows each of spot, linear and inverse trades and closed P&L, the transaction log
    // and the two transfer lists; 25 thirty-day windows each of deposits and withdrawals;
    // one convert list. The run ends with "done".
    const fills = progress.filter((p) => p.step === 'fills');
    expect(fills.at(-1)).toMatchObject({ done: 891, total: 891, message: 'Importing two years of history' });
    expect(fills.map((p) => p.done)).toEqual([...fills.map((p) => p.done)].sort((a, b) => a - b));
    // Never a figure from before every list had counted its windows ("0 of 105").
    expect(new Set(fills.map((p) => p.total))).toEqual(new Set([891]));
    expect(progress.at(-1)?.step).toBe('done');
    expect(summary.accounts[0]?.error).toBeNull();
    expect(summary.ok).toBe(true);
    const a = summary.accounts[0]!;
    // 6 visible spot fills; the two older than two years are out of reach, and the
    // linear fill is not part of the spot cost basis.
    expect(a.fillsImported).toBe(6);
    // 105 seven-day windows cover two years.
    expect(h.server.requests.filter((r) => r.path === '/v5/execution/list' && r.query.category === 'spot')).toHaveLength(105);
  });

  it('values every holding and computes average entries by the average-cost method', async () => {
    const p = await core.invoke('portfolio:get');
    const by = (asset: string) => p.items.find((i) => i.asset === asset)!;
    const btc = by('BTC');
    expect(btc.quantity).toBe('0.5');
    expect(btc.wallets).toEqual({ UNIFIED: '0.4', FUND: '0.1' });
    expect(btc.currentPrice).toBe('90000');
    expect(btc.value).toBe('45000');
    expect(btc.avgEntryPrice).toBe(BTC_AVG.toString());
    // The 0.5 BTC deposited 300 days ago has no cost under the default deposit policy: the
    // average is that of the trades, and it says partial.
    expect(btc.avgEntryPartial).toBe(true);
    expect(d(btc.profitLoss!).minus(d('0.5').times(d('90000').minus(BTC_AVG))).abs().lt('1e-30')).toBe(true);
    const eth = by('ETH');
    expect(eth.value).toBe('8991');
    expect(eth.avgEntryPrice).toBe(ETH_AVG.toString());
    const mnt = by('MNT');
    expect(mnt.avgEntryPrice).toBe(MNT_AVG.toString());
    expect(mnt.value).toBe('64.922');
    // QBIT has only a BTC pair: 0.00002 BTC × 90000.
    expect(by('QBIT').currentPrice).toBe('1.8');
    expect(by('QBIT').avgEntryPrice).toBeNull();
    // XNOP has no market at all: unpriced, never zero.
    const xnop = by('XNOP');
    expect(xnop.currentPrice).toBeNull();
    expect(xnop.value).toBeNull();
    expect(p.unpricedAssets).toBe(1);
    expect(by('USDT').quantity).toBe('5250');
    // 45000 + 8991 + 5250 + 1000 (USDC) + 64.922 + 1800
    expect(p.walletValue).toBe('62105.922');
    // The open BTCUSDT long: 0.1 × (90000 − 85000), which the wallet balances exclude.
    expect(p.unrealisedPnl).toBe('500');
    expect(p.totalValue).toBe('62605.922');
    expect(p.totalValue).toBe(h.server.equity());
  });

  it('stores the open position and the old module tables', async () => {
    const positions = await core.invoke('positions:list');
    expect(positions).toHaveLength(1);
    expect(positions[0]).toMatchObject({ symbol: 'BTCUSDT', side: 'long', size: '0.1', entryPrice: '85000', category: 'linear', settleCoin: 'USDT' });
    const { rows } = await h.db.pool.query<{ asset: string; quantity: string; avg_entry_price: string | null }>(
      "SELECT asset, quantity, avg_entry_price FROM portfolio_items WHERE exchange_id = 'bybit' ORDER BY asset");
    expect(rows.find((r) => r.asset === 'BTC')).toMatchObject({ quantity: '0.5', avg_entry_price: BTC_AVG.toString() });
    const history = await h.db.pool.query('SELECT success, items_synced, start_time, end_time FROM sync_history');
    expect(history.rows).toHaveLength(1);
    // BTC, ETH, USDT, USDC, MNT, QBIT, XNOP
    expect(history.rows[0]).toMatchObject({ success: true, items_synced: 7 });
  });

  it('a warm sync with nothing new makes one request per kind (17) and loads no markets', async () => {
    h.server.clearRequests();
    const summary = await core.sync.syncAll('test');
    expect(summary.ok).toBe(true);
    const paths = h.server.requests.map((r) => `${r.path}${r.query.category ? `?${r.query.category}` : ''}`).sort();
    expect(paths).toEqual([
      '/v5/account/transaction-log', '/v5/account/wallet-balance',
      '/v5/asset/deposit/query-record', '/v5/asset/exchange/order-record', '/v5/asset/transfer/query-account-coins-balance',
      '/v5/asset/transfer/query-inter-transfer-list', '/v5/asset/transfer/query-universal-transfer-list', '/v5/asset/withdraw/query-record',
      '/v5/earn/position?FlexibleSaving', '/v5/earn/position?OnChain',
      '/v5/execution/list?inverse', '/v5/execution/list?linear', '/v5/execution/list?spot', '/v5/market/tickers?spot',
      '/v5/position/closed-pnl?inverse', '/v5/position/closed-pnl?linear', '/v5/position/list?linear',
    ]);
    expect(paths).not.toContain('/v5/market/instruments-info');
    expect(paths).not.toContain('/v5/asset/coin/query-info');
    expect(summary.accounts[0]!.fillsImported).toBe(0);
  });

  it('picks up a new fill and a changed balance on the next sync', async () => {
    const now = h.server.now();
    h.server.addFill({ category: 'spot', symbol: 'SOLUSDT', side: 'Buy', execQty: '10', execPrice: '150', execTime: now - 1000, execFee: '0.01', feeCurrency: 'SOL' });
    h.server.setBalance('UNIFIED', 'SOL', '9.99');
    const summary = await core.sync.syncAll('test');
    expect(summary.accounts[0]!.fillsImported).toBe(1);
    const sol = (await core.invoke('portfolio:get')).items.find((i) => i.asset === 'SOL')!;
    expect(sol.quantity).toBe('9.99');
    expect(sol.avgEntryPrice).toBe(d('1500').div('9.99').toString());
    const points = await core.invoke('net-value:get', { range: 'all' });
    expect(points.filter((p) => p.source === 'sync')).toHaveLength(3);
  });

  it('a manual trigger during a sync joins it instead of starting another', async () => {
    h.server.clearRequests();
    const [a, b] = await Promise.all([core.sync.syncAll('test'), core.sync.syncAll('manual')]);
    expect(a).toBe(b);
    expect(h.server.countRequests('/v5/market/tickers')).toBe(1);
  });
});
