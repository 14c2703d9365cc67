import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Portfolio } from '../../shared/domain.js';
import type { Core } from '../../electron/core/core.js';
import { Dec } from '../../electron/core/portfolio/decimal.js';
import { createOkxServer, type FakeOkxServer } from '../fake-okx/index.js';
import { okxEnv } from '../helpers/okx-env.js';
import { runCli } from '../helpers/cli.js';
import { startHarness, type SyncHarness } from '../helpers/sync-harness.js';

// The fake OKX's small scenario (test/fake-okx/scenario.ts), worked out by hand.
const d = (s: string) => new Dec(s);
// BTC: 0.2 @ 40000 paying 0.0002 BTC → 0.1998 for 8000; 0.1 @ 70000 paying 7 USDT →
// 0.2998 for 15007; the sell of 0.05 keeps the average. The 120-day-old buy is out of reach.
const BTC_AVG = d('15007').div('0.2998');
// ETH: 1.5 @ 2000 paying 0.0015 ETH → 1.4985 for 3000.
const ETH_AVG = d('3000').div('1.4985');
// BTC 0.2998 × 90000 + ETH 1.4985 × 3000 + USDT (2000.5 + 500 + 1000).
const OKX_WALLETS = '34978';
// The BTC-USDT-SWAP long's unrealised P&L, which cashBal leaves out.
const OKX_TOTAL = '35028';

describe('sync of an OKX account through ccxt into PostgreSQL', () => {
  let h: SyncHarness;
  let okx: FakeOkxServer;
  let core: Core;
  let env: Record<string, string>;

  beforeAll(async () => {
    h = await startHarness();
    okx = await createOkxServer();
    env = { ...h.env, ...okxEnv(okx) };
    core = await h.core({ env });
  });
  afterAll(async () => {
    await h.close();
    await okx.close();
  });

  it('a cold sync imports balances of every account type, positions and three months of spot fills', async () => {
    const summary = await core.sync.syncAll('test');
    expect(summary.accounts.map((a) => [a.exchangeId, a.error])).toEqual([['okx', null]]);
    // Four spot fills inside three months; the SWAP fill is no spot trade.
    expect(summary.accounts[0]!.fillsImported).toBe(4);
    const p = await core.invoke('portfolio:get');
    const by = (asset: string) => p.items.find((i) => i.asset === asset)!;
    // The fills explain 0.2498 BTC; the 0.05 in the funding account came from elsewhere, so the average is partial.
    expect(by('BTC')).toMatchObject({ exchangeId: 'okx', quantity: '0.2998', wallets: { TRADING: '0.2498', FUNDING: '0.05' }, currentPrice: '90000', avgEntryPartial: true });
    expect(by('ETH')).toMatchObject({ quantity: '1.4985', avgEntryPartial: false });
    expect(by('USDT')).toMatchObject({ quantity: '3500.5', wallets: { TRADING: '2000.5', FUNDING: '500', EARN_SAVINGS: '1000' } });
    expect(by('BTC').avgEntryPrice).toBe(BTC_AVG.toString());
    expect(by('ETH').avgEntryPrice).toBe(ETH_AVG.toString());
    expect(p.items.find((i) => i.asset === 'DOGE')).toBeUndefined();
    expect(p.walletValue).toBe(OKX_WALLETS);
    expect(p.unrealisedPnl).toBe('50');
    expect(p.totalValue).toBe(OKX_TOTAL);
    const positions = await core.invoke('positions:list');
    expect(positions).toEqual([expect.objectContaining({ symbol: 'BTC-USDT-SWAP', category: 'swap', side: 'long', size: '0.01', entryPrice: '85000', unrealisedPnl: '50', settleCoin: 'USDT' })]);
    const { rows } = await h.db.pool.query<{ fill_id: string; fee: string }>("SELECT fill_id, fee::text AS fee FROM fills WHERE symbol = 'BTC-USDT' ORDER BY fill_id");
    // OKX's negative fee is a charge: stored as paid, exact.
    expect(rows).toEqual([{ fill_id: '1002', fee: '0.0002' }, { fill_id: '1003', fee: '7' }, { fill_id: '1006', fee: '4' }]);
    // The SWAP fill goes to fills with its category, outside the spot cost basis.
    const swap = await h.db.pool.query("SELECT category, quantity::text AS quantity, fee::text AS fee FROM fills WHERE symbol = 'BTC-USDT-SWAP'");
    expect(swap.rows).toEqual([{ category: 'swap', quantity: '1', fee: '0.425' }]);
    const flows = await h.db.pool.query("SELECT kind, flow_id, asset, amount::text AS amount, fee::text AS fee, from_wallet, to_wallet, raw_type FROM cash_flows ORDER BY kind");
    expect(flows.rows).toEqual([
      { kind: 'deposit', flow_id: 'd1', asset: 'USDT', amount: '10000', fee: null, from_wallet: null, to_wallet: 'FUNDING', raw_type: null },
      // Funding bill 131: from the funding account to the trading account, both this account's.
      { kind: 'internal-transfer', flow_id: '70001', asset: 'USDT', amount: '200', fee: null, from_wallet: 'FUNDING', to_wallet: 'TRADING', raw_type: '131' },
      // Funding bill 21: a master account's key, receiving from a sub-account.
      { kind: 'universal-transfer', flow_id: '70002', asset: 'BTC', amount: '0.05', fee: null, from_wallet: null, to_wallet: 'FUNDING', raw_type: '21' },
      { kind: 'withdrawal', flow_id: 'w1', asset: 'USDT', amount: '100', fee: '1', from_wallet: 'FUNDING', to_wallet: null, raw_type: null },
    ]);
    // A USDT-margined contract settles at par: its closed P&L and funding are in USDT as they stand.
    const closed = await h.db.pool.query('SELECT category, symbol, side, closed_pnl::text AS pnl, avg_entry_price::text AS entry, close_fee::text AS fee, usdt_rate::text AS rate FROM closed_pnl');
    expect(closed.rows).toEqual([{ category: 'swap', symbol: 'ETH-USDT-SWAP', side: 'long', pnl: '1.87', entry: '3000', fee: '-0.13', rate: '1' }]);
    // Three months of trading bills on the first sync (bills-archive), each with the balance after
    // it; the funding account's reward (bill type 151) beside them, under its own category.
    const log = await h.db.pool.query('SELECT log_id, category, type, change::text AS change, cash_balance::text AS bal, funding::text AS funding, usdt_rate::text AS rate FROM transaction_log ORDER BY log_id');
    expect(log.rows).toEqual([
      { log_id: '8001', category: 'swap', type: '2/1', change: '-0.425', bal: '2001', funding: null, rate: null },
      { log_id: '9001', category: 'swap', type: '8/173', change: '-0.5', bal: '2000.5', funding: '-0.5', rate: '1' },
      { log_id: 'funding-70003', category: 'funding', type: '151', change: '2', bal: '500', funding: null, rate: null },
    ]);
    // The first sync walks the funding bills by bill id in asset/bills-history (a year back).
    const walked = okx.requests.filter((r) => r.path.startsWith('/api/v5/asset/bills'));
    expect(walked.map((r) => [r.path, r.query.pagingType, r.query.after])).toEqual([['/api/v5/asset/bills-history', '2', undefined]]);
    const cursor = await h.db.pool.query("SELECT history_start FROM import_cursors WHERE kind = 'funding-bills'");
    expect(cursor.rows).toHaveLength(1);
  });

  it('portfolio --json matches the hand computation of average entries with fees to 1e-12', async () => {
    const r = await runCli(['portfolio', '--json'], env);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout) as Portfolio;
    const avg = (asset: string) => d(p.items.find((i) => i.asset === asset)!.avgEntryPrice!);
    expect(avg('BTC').minus(BTC_AVG).abs().lt('1e-12')).toBe(true);
    expect(avg('ETH').minus(ETH_AVG).abs().lt('1e-12')).toBe(true);
    expect(p.totalValue).toBe(OKX_TOTAL);
  });

  it('a warm sync with nothing new makes one request per kind of data', async () => {
    okx.clearRequests();
    const summary = await core.sync.syncAll('test');
    expect(summary.ok).toBe(true);
    expect(okx.requests.map((r) => `${r.path}${r.query.instType ? `?${r.query.instType}` : ''}`).sort()).toEqual([
      '/api/v5/account/balance', '/api/v5/account/bills', '/api/v5/account/positions', '/api/v5/account/positions-history', '/api/v5/asset/balances', '/api/v5/asset/bills', '/api/v5/asset/deposit-history',
      '/api/v5/asset/withdrawal-history', '/api/v5/finance/savings/balance', '/api/v5/market/tickers?SPOT',
      '/api/v5/trade/fills-history?FUTURES', '/api/v5/trade/fills-history?MARGIN', '/api/v5/trade/fills-history?SPOT', '/api/v5/trade/fills-history?SWAP',
    ]);
    // Only what came after the cursor (less an overlap) is asked for.
    expect(Number(okx.requests.find((r) => r.path === '/api/v5/trade/fills-history')!.query.begin)).toBeGreaterThan(okx.now() - 3_600_000);
  });

  it('picks up a new fill on the next sync', async () => {
    okx.addFill({ instType: 'SPOT', instId: 'ETH-USDT', tradeId: 't2001', ordId: 'o2001', billId: '2001', side: 'buy', fillSz: '0.5', fillPx: '3000', fee: '-1.5', feeCcy: 'USDT', ts: okx.now() - 1000 });
    const summary = await core.sync.syncAll('test');
    expect(summary.accounts[0]!.fillsImported).toBe(1);
    const eth = (await core.invoke('portfolio:get')).items.find((i) => i.asset === 'ETH')!;
    // 1.4985 for 3000, then 0.5 for 1500 + 1.5 USDT fee.
    expect(eth.avgEntryPrice).toBe(d('4501.5').div('1.9985').toString());
  });

  it('a cross-pair fill is costed at the quote coin\'s USDT close of its minute (history-candles)', async () => {
    okx.clearRequests();
    okx.addFill({ instType: 'SPOT', instId: 'ETH-BTC', tradeId: 't2002', ordId: 'o2002', billId: '2002', side: 'buy', fillSz: '1', fillPx: '0.0333', fee: '-0.001', feeCcy: 'ETH', ts: okx.now() - 1000 });
    expect((await core.sync.syncAll('test')).accounts[0]!.fillsImported).toBe(1);
    const candle = okx.requests.filter((r) => r.path === '/api/v5/market/history-candles');
    expect(candle.map((r) => r.query)).toEqual([expect.objectContaining({ instId: 'BTC-USDT', bar: '1m', limit: '1' })]);
    const { rows } = await h.db.pool.query("SELECT quote_usdt_rate::text AS rate FROM fills WHERE fill_id = '2002'");
    expect(rows).toEqual([{ rate: '90000' }]);
    const eth = (await core.invoke('portfolio:get')).items.find((i) => i.asset === 'ETH')!;
    // 1.9985 for 4501.5, then 0.999 ETH for 0.0333 BTC × 90000 = 2997.
    expect(eth.avgEntryPrice).toBe(d('7498.5').div('2.9975').toString());
  });
});

describe('a Bybit and an OKX account side by side', () => {
  it('totals the two accounts exactly, the same asset from both summed', async () => {
    const h = await startHarness();
    const okx = await createOkxServer();
    try {
      const core = await h.core({ env: { ...okxEnv(okx), EXCHANGE_SYNC_EXCHANGES: 'bybit,okx' } });
      const summary = await core.sync.syncAll('test');
      expect(summary.accounts.map((a) => [a.exchangeId, a.ok]).sort()).toEqual([['bybit', true], ['okx', true]]);
      const p = await core.invoke('portfolio:get');
      // Bybit's small scenario totals 62605.922 (see sync-bybit.test.ts), OKX's 35028.
      expect(p.totalValue).toBe(d('62605.922').plus(OKX_TOTAL).toString());
      expect(p.totalValue).toBe(d(h.server.equity()).plus(OKX_TOTAL).toString());
      const btc = p.items.filter((i) => i.asset === 'BTC');
      expect(btc.map((i) => [i.exchangeId, i.quantity]).sort()).toEqual([['bybit', '0.5'], ['okx', '0.2998']]);
    } finally {
      await h.close();
      await okx.close();
    }
  });
});
