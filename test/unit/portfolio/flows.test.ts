import { describe, expect, it } from 'vitest';
import type { CashFlowRow, ClosedPnlRow, TransactionLogRow } from '../../../electron/core/exchange/history-types.js';
import { dec } from '../../../electron/core/portfolio/decimal.js';
import { accountFlows as flowsWith, type AccountRecords, type Flow } from '../../../electron/core/portfolio/flows.js';
import { BYBIT_FLOW_RULES, countsBybitLogRow as countsLogRow, ownMemberId } from '../../../electron/core/exchange/bybit/bybit-flow-rules.js';
import { reconcile } from '../../../electron/core/portfolio/reconcile.js';
import { withImported } from '../../../electron/core/db/repositories/flows-repo.js';
import { fill } from './fixtures.js';

const T = new Date(Date.UTC(2026, 0, 10));

function cash(kind: CashFlowRow['kind'], asset: string, amount: string, extra: Partial<CashFlowRow> = {}): CashFlowRow {
  return {
    kind, flowId: `${kind}-${asset}-${amount}`, asset, amount, fee: null, counterAsset: null, counterAmount: null, fromWallet: null, toWallet: null,
    txId: null, status: kind === 'deposit' ? '3' : kind === 'withdrawal' ? 'success' : 'SUCCESS', rawType: null, occurredAt: T, raw: {}, ...extra,
  };
}

function log(type: string, category: string | null, currency: string, change: string): TransactionLogRow {
  return {
    logId: `${type}-${currency}-${change}`, category, symbol: null, type, side: null, currency, qty: null, size: null, tradePrice: null, change,
    cashFlow: null, funding: null, fee: null, cashBalance: '0', tradeId: null, orderId: null, transactionTime: T, raw: null,
  };
}

function pnl(category: string, symbol: string, closedPnl: string): ClosedPnlRow {
  return {
    category, symbol, orderId: symbol, side: 'Sell', qty: null, orderPrice: null, orderType: null, execType: null, closedSize: null, cumEntryValue: null,
    avgEntryPrice: null, cumExitValue: null, avgExitPrice: null, closedPnl, openFee: null, closeFee: null, fillCount: null, leverage: null, createdAt: T, updatedAt: null, raw: null,
  };
}

// These records are Bybit's: its statuses, member ids and log types.
const accountFlows = (r: AccountRecords) => flowsWith(r, BYBIT_FLOW_RULES);
const records = (r: Partial<AccountRecords>): AccountRecords => ({ spotFills: [], cashFlows: [], transactionLog: [], closedPnl: [], unified: true, ...r });

/** Net change per asset, as plain strings. */
function net(flows: readonly Flow[]): Record<string, string> {
  const out: Record<string, ReturnType<typeof dec>> = {};
  for (const f of flows) out[f.asset] = (out[f.asset] ?? dec('0')).plus(f.delta);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.toString()]));
}

describe('accountFlows', () => {
  it('counts deposits once credited and withdrawals with their fee on top, unless they failed', () => {
    const { flows } = accountFlows(records({
      cashFlows: [
        cash('deposit', 'BTC', '0.5'), cash('deposit', 'BTC', '9', { status: '2' }), cash('deposit', 'BTC', '7', { status: '4' }),
        cash('withdrawal', 'BTC', '0.1', { fee: '0.0002' }), cash('withdrawal', 'BTC', '3', { status: 'CancelByUser', fee: '0.0002' }),
      ],
    }));
    // 0.5 − (0.1 + 0.0002); pending, failed and cancelled records move nothing.
    expect(net(flows)).toEqual({ BTC: '0.3998' });
  });

  it('internal transfers move nothing; a convert adds what it received and takes what it gave', () => {
    const { flows } = accountFlows(records({
      cashFlows: [
        cash('internal-transfer', 'USDT', '250', { fromWallet: 'UNIFIED', toWallet: 'FUND' }),
        cash('convert', 'USDT', '49.95', { counterAsset: 'USDC', counterAmount: '50' }),
      ],
    }));
    expect(net(flows)).toEqual({ USDT: '49.95', USDC: '-50' });
  });

  it('places universal transfers by the member id every record names; a lone one cannot be placed', () => {
    const transfers = [
      cash('universal-transfer', 'USDT', '100', { flowId: 'u1', raw: { fromMemberId: '200002', toMemberId: '100001' } }),
      cash('universal-transfer', 'BTC', '0.4', { flowId: 'u2', raw: { fromMemberId: '100001', toMemberId: '200003' } }),
    ];
    expect(ownMemberId(transfers)).toBe('100001');
    const both = accountFlows(records({ cashFlows: transfers }));
    expect(net(both.flows)).toEqual({ USDT: '100', BTC: '-0.4' });
    expect(both.undirectedTransfers).toEqual([]);

    const lone = accountFlows(records({ cashFlows: [transfers[0]!] }));
    expect(lone.flows).toEqual([]);
    expect(lone.undirectedTransfers).toEqual(['USDT']);
  });

  it('on a Unified account counts derivative and funding log rows, not spot trades nor moves between own wallets', () => {
    expect(countsLogRow({ type: 'TRADE', category: 'spot' })).toBe(false);
    expect(countsLogRow({ type: 'TRANSFER_IN', category: '' })).toBe(false);
    expect(countsLogRow({ type: 'FLEXIBLE_STAKING_SUBSCRIPTION', category: null })).toBe(false);
    const { flows } = accountFlows(records({
      spotFills: [fill({ side: 'buy', symbol: 'BTC/USDT', qty: '0.1', price: '50000', fee: '0.0001', feeCcy: 'BTC', at: 1 })],
      transactionLog: [
        log('TRADE', 'spot', 'USDT', '-5000'), log('TRADE', 'spot', 'BTC', '0.0999'),
        log('TRANSFER_IN', '', 'USDT', '1000'), log('TRADE', 'linear', 'USDT', '9.9395'), log('SETTLEMENT', 'linear', 'USDT', '-0.45'),
        log('TRADE', 'inverse', 'BTC', '-0.00000688'), log('SOMETHING_NEW', 'linear', 'USDT', '1'),
      ],
      closedPnl: [pnl('linear', 'ETHUSDT', '9.8845')],
    }));
    // Spot: +0.1 − 0.0001 BTC, −5000 USDT (once, from the fill); log: 9.9395 − 0.45 + 1; closed P&L not counted beside the log.
    expect(net(flows)).toEqual({ BTC: '0.09989312', USDT: '-4989.5105' });
  });

  it('without a transaction log (classic account), closed P&L is settled in the contract\'s coin', () => {
    const { flows } = accountFlows(records({
      unified: false,
      transactionLog: [log('SETTLEMENT', 'linear', 'USDT', '-0.45')],
      closedPnl: [pnl('linear', 'ETHUSDT', '9.8845'), pnl('linear', 'ETHPERP', '2'), pnl('inverse', 'BTCUSD', '0.00058161'), pnl('inverse', 'ETHUSDH25', '-0.1')],
    }));
    expect(net(flows)).toEqual({ USDT: '9.8845', USDC: '2', BTC: '0.00058161', ETH: '-0.1' });
  });
});

describe('reconcile', () => {
  const balances = (e: Record<string, string>) => new Map(Object.entries(e).map(([k, v]) => [k, dec(v)]));

  it('reports 0 for an asset the records explain, and the difference with a cause for one they do not', () => {
    const flows = accountFlows(records({ cashFlows: [cash('deposit', 'USDT', '1000'), cash('deposit', 'BTC', '0.4'), cash('deposit', 'SOL', '3')] }));
    const rows = reconcile(balances({ USDT: '1000', BTC: '0.5', ETH: '0' }), flows, { warnings: [], historyReach: 'two years' });
    expect(rows.map((r) => [r.asset, r.unexplained.toString(), r.likelyCause])).toEqual([
      ['BTC', '0.1', 'coins held before the history start (older than two years), or an Earn yield or airdrop that no record lists'],
      ['ETH', '0', null],
      ['SOL', '-3', 'an outflow no record lists: a sub-account transfer, or an Earn product not read'],
      ['USDT', '0', null],
    ]);
  });

  it('names the cause the sync warned about: a key without the Wallet permission, an Earn product, an undirected transfer', () => {
    const none = accountFlows(records({}));
    const wallet = reconcile(balances({ BTC: '1' }), none, { warnings: ['Deposit history not read: permission denied. Tick Wallet.'], historyReach: 'two years' });
    expect(wallet[0]!.likelyCause).toMatch(/Wallet permission/);
    const earn = reconcile(balances({ BTC: '1' }), none, { warnings: ['Earn positions not read (the key lacks the Earn permission): denied.'], historyReach: 'two years' });
    expect(earn[0]!.likelyCause).toMatch(/Earn product/);
    const lone = accountFlows(records({ cashFlows: [cash('universal-transfer', 'USDT', '100', { raw: { fromMemberId: '2', toMemberId: '1' } })] }));
    expect(reconcile(balances({ USDT: '100' }), lone, { warnings: [], historyReach: 'two years' })[0]!.likelyCause).toMatch(/sub-account/);
  });
});

describe('withImported', () => {
  it('adds what a sync read but has not stored yet, each record once', () => {
    const stored = records({ cashFlows: [cash('deposit', 'BTC', '0.5')], transactionLog: [log('SETTLEMENT', 'linear', 'USDT', '-0.45')] });
    const merged = withImported(stored, {
      derivativeFills: [], closedPnl: [pnl('linear', 'ETHUSDT', '9.8845')], cursors: {},
      cashFlows: [cash('deposit', 'BTC', '0.5'), cash('deposit', 'USDT', '100')],
      transactionLog: [log('SETTLEMENT', 'linear', 'USDT', '-0.45'), log('SETTLEMENT', 'linear', 'USDT', '0.12')],
    });
    expect(net(accountFlows(merged).flows)).toEqual({ BTC: '0.5', USDT: '99.67' });
    expect(merged.closedPnl).toHaveLength(1);
    expect(withImported(stored, null)).toBe(stored);
  });
});
