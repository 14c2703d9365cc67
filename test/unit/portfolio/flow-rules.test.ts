import { describe, expect, it } from 'vitest';
import type { CashFlowRow, ClosedPnlRow, TransactionLogRow } from '../../../electron/core/exchange/history-types.js';
import { accountFlows, type AccountRecords, type FlowRules, type TransferRecord } from '../../../electron/core/portfolio/flows.js';

// accountFlows with rules of its own making: what it does with each answer of the seam,
// whatever exchange gives it.

const T = new Date(Date.UTC(2026, 0, 10));
const cash = (kind: CashFlowRow['kind'], asset: string, amount: string, extra: Partial<CashFlowRow> = {}): CashFlowRow => ({
  kind, flowId: `${kind}-${asset}-${amount}`, asset, amount, fee: null, counterAsset: null, counterAmount: null, fromWallet: null, toWallet: null,
  txId: null, status: null, rawType: null, occurredAt: T, raw: null, ...extra,
});
const log = (type: string, category: string | null, currency: string, change: string): TransactionLogRow => ({
  logId: `${type}-${currency}-${change}`, category, symbol: null, type, side: null, currency, qty: null, size: null, tradePrice: null, change,
  cashFlow: null, funding: null, fee: null, cashBalance: '0', tradeId: null, orderId: null, transactionTime: T, raw: null,
});
const pnl = (symbol: string, closedPnl: string): ClosedPnlRow => ({
  category: 'linear', symbol, orderId: symbol, side: 'Sell', qty: null, orderPrice: null, orderType: null, execType: null, closedSize: null, cumEntryValue: null,
  avgEntryPrice: null, cumExitValue: null, avgExitPrice: null, closedPnl, openFee: null, closeFee: null, fillCount: null, leverage: null, createdAt: T, updatedAt: null, raw: null,
});
const records = (r: Partial<AccountRecords>): AccountRecords => ({ spotFills: [], cashFlows: [], transactionLog: [], closedPnl: [], unified: false, ...r });

/** Rules answering from tables: a status is credited / left when listed; a transfer's side by its raw type. */
function rules(over: Partial<FlowRules> = {}): FlowRules {
  const sides: Record<string, 1 | -1 | 0 | null> = { in: 1, out: -1, none: 0, unknown: null };
  return {
    depositCredited: (s) => s === 'ok',
    withdrawalLeft: (s) => s !== 'undone',
    transferSides: () => (c) => sides[c.rawType ?? 'unknown'] ?? null,
    countsLogRow: (r) => r.type === 'counts',
    derivativeCash: () => 'log',
    historyReach: 'a while',
    ...over,
  };
}
const listed = (r: Partial<AccountRecords>, over: Partial<FlowRules> = {}) => accountFlows(records(r), rules(over)).flows.map((f) => [f.asset, f.delta.toString()]);

describe('accountFlows through an exchange\'s rules', () => {
  it('counts a deposit the rules call credited, passing its status as stored', () => {
    const seen: Array<string | null> = [];
    const out = listed({ cashFlows: [cash('deposit', 'BTC', '0.5', { status: 'ok' }), cash('deposit', 'ETH', '2', { status: 'pending' }), cash('deposit', 'SOL', '3')] },
      { depositCredited: (s) => (seen.push(s), s === 'ok') });
    expect(out).toEqual([['BTC', '0.5']]);
    expect(seen).toEqual(['ok', 'pending', null]);
  });

  it('takes a withdrawal the rules say left, with its fee on top; an undone one moves nothing', () => {
    expect(listed({ cashFlows: [cash('withdrawal', 'BTC', '0.1', { fee: '0.0002', status: 'done' }), cash('withdrawal', 'ETH', '1', { fee: '0.01', status: 'undone' }), cash('withdrawal', 'SOL', '4')] }))
      .toEqual([['BTC', '-0.1002'], ['SOL', '-4']]);
  });

  it('places a universal transfer by the side the rules give; 0 moves nothing, null lists the asset as undirected once, sorted', () => {
    const given: Array<readonly TransferRecord[]> = [];
    const flows = [
      cash('universal-transfer', 'USDT', '100', { rawType: 'in' }), cash('universal-transfer', 'BTC', '0.4', { rawType: 'out' }),
      cash('universal-transfer', 'ETH', '1', { rawType: 'none' }), cash('universal-transfer', 'XRP', '5', { rawType: 'unknown' }),
      cash('universal-transfer', 'ADA', '6', { rawType: 'unknown' }), cash('universal-transfer', 'XRP', '7', { rawType: 'unknown' }),
    ];
    const r = accountFlows(records({ cashFlows: flows }), rules({ transferSides: (all) => (given.push(all), rules().transferSides(all)) }));
    expect(r.flows.map((f) => [f.asset, f.delta.toString()])).toEqual([['USDT', '100'], ['BTC', '-0.4']]);
    expect(r.undirectedTransfers).toEqual(['ADA', 'XRP']);
    // Asked once, with every cash flow of the account.
    expect(given).toEqual([flows]);
  });

  it('internal transfers move nothing; a convert adds what it received and takes what it gave', () => {
    expect(listed({ cashFlows: [cash('internal-transfer', 'USDT', '250'), cash('convert', 'USDT', '49.95', { counterAsset: 'USDC', counterAmount: '50' })] }))
      .toEqual([['USDT', '49.95'], ['USDC', '-50']]);
  });

  it('derivative results from the log: only the rows the rules count, closed P&L left out', () => {
    const r = { transactionLog: [log('counts', 'swap', 'USDT', '-0.5'), log('other', 'spot', 'USDT', '100'), log('counts', null, 'BTC', '0.00000001')], closedPnl: [pnl('ETHUSDT', '9')] };
    expect(listed(r)).toEqual([['USDT', '-0.5'], ['BTC', '0.00000001']]);
  });

  it('derivative results from closed P&L: the log left out; the rules are told whether the account is unified', () => {
    const told: boolean[] = [];
    const r = { unified: true, transactionLog: [log('counts', 'swap', 'USDT', '-0.5')], closedPnl: [pnl('ETHUSDT', '9.8845'), pnl('BTCPERP', '-2')] };
    expect(listed(r, { derivativeCash: (u) => (told.push(u), 'closed-pnl') })).toEqual([['USDT', '9.8845'], ['USDC', '-2']]);
    expect(told).toEqual([true]);
  });
});
