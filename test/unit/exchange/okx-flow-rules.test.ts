import { describe, expect, it } from 'vitest';
import type { CashFlowRow, TransactionLogRow } from '../../../electron/core/exchange/history-types.js';
import { BYBIT_FLOW_RULES } from '../../../electron/core/exchange/bybit/bybit-flow-rules.js';
import { flowRulesFor } from '../../../electron/core/exchange/flow-rules.js';
import { countsOkxLogRow, OKX_FLOW_RULES } from '../../../electron/core/exchange/okx/okx-flow-rules.js';
import { dec } from '../../../electron/core/portfolio/decimal.js';
import { accountFlows } from '../../../electron/core/portfolio/flows.js';

const T = new Date(Date.UTC(2026, 0, 10));
const cash = (kind: CashFlowRow['kind'], asset: string, amount: string, extra: Partial<CashFlowRow> = {}): CashFlowRow => ({
  kind, flowId: `${kind}-${asset}-${amount}`, asset, amount, fee: null, counterAsset: null, counterAmount: null, fromWallet: null, toWallet: null,
  txId: null, status: null, rawType: null, occurredAt: T, raw: {}, ...extra,
});
const log = (type: string, category: string | null, currency: string, change: string): TransactionLogRow => ({
  logId: `${type}-${currency}-${change}`, category, symbol: null, type, side: null, currency, qty: null, size: null, tradePrice: null, change,
  cashFlow: null, funding: null, fee: null, cashBalance: '0', tradeId: null, orderId: null, transactionTime: T, raw: null,
});

describe('OKX flow rules', () => {
  it('a deposit counts in state 1 (credited) or 2 (successful), not while waiting, held or blocked', () => {
    expect(['0', '1', '2', '8', '11', '12', '13', '14', '17', null].map((s) => [s, OKX_FLOW_RULES.depositCredited(s)]))
      .toEqual([['0', false], ['1', true], ['2', true], ['8', false], ['11', false], ['12', false], ['13', false], ['14', false], ['17', false], [null, false]]);
  });

  it('a withdrawal left unless it failed (-1) or was cancelled (-2); one being cancelled has not come back yet', () => {
    expect(['-3', '-2', '-1', '0', '1', '2', '7', null].map((s) => [s, OKX_FLOW_RULES.withdrawalLeft(s)]))
      .toEqual([['-3', true], ['-2', false], ['-1', false], ['0', true], ['1', true], ['2', true], ['7', true], [null, true]]);
  });

  it('a sub-account transfer\'s funding-bill type gives its side: 21 and 23 in, 20 and 22 out, anything else unknown', () => {
    const side = OKX_FLOW_RULES.transferSides([]);
    expect(['21', '23', '20', '22', '131', null].map((t) => side(cash('universal-transfer', 'USDT', '1', { rawType: t }))))
      .toEqual([1, 1, -1, -1, null, null]);
  });

  it('counts every funding log row, no transfer with the funding account, no spot trade, every other trading bill', () => {
    const cases: Array<[string, string | null, boolean]> = [
      ['151', 'funding', true], ['1', 'funding', true], ['2', 'funding', true],
      ['1/11', null, false], ['1/12', 'spot', false], ['1', null, false],
      ['2/1', 'spot', false], ['2/2', 'spot', false], ['2', 'spot', false],
      ['2/1', 'margin', true], ['2/5', 'swap', true], ['8/173', 'swap', true], ['8/174', 'futures', true],
      ['11/118', null, true], ['12/1', null, true], ['22/1', 'spot', true], ['7/9', null, true],
    ];
    expect(cases.map(([type, category]) => [type, category, countsOkxLogRow({ type, category })])).toEqual(cases);
  });

  it('derivative results always come from the bills, whatever the account mode', () => {
    expect([OKX_FLOW_RULES.derivativeCash(true), OKX_FLOW_RULES.derivativeCash(false)]).toEqual(['log', 'log']);
  });

  it('names its history\'s reach; Bybit\'s is two years', () => {
    expect(OKX_FLOW_RULES.historyReach).toBe('three months for trades and trading-account bills, a year for deposits, withdrawals and funding-account bills');
    expect(BYBIT_FLOW_RULES.historyReach).toBe('two years');
  });

  it('an OKX account\'s records, end to end', () => {
    const { flows, undirectedTransfers } = accountFlows({
      spotFills: [], unified: false,
      cashFlows: [
        cash('deposit', 'USDT', '10000', { status: '2' }), cash('deposit', 'USDT', '7', { status: '0' }),
        cash('withdrawal', 'USDT', '100', { status: '2', fee: '1' }), cash('withdrawal', 'USDT', '50', { status: '-2', fee: '1' }),
        cash('internal-transfer', 'USDT', '200', { rawType: '131' }),
        cash('universal-transfer', 'BTC', '0.05', { rawType: '21' }), cash('universal-transfer', 'BTC', '0.01', { rawType: '20' }),
      ],
      transactionLog: [log('1/11', null, 'USDT', '200'), log('2/1', 'spot', 'USDT', '-5000'), log('8/173', 'swap', 'USDT', '-0.5'), log('151', 'funding', 'USDT', '2')],
      closedPnl: [{
        category: 'swap', symbol: 'ETH-USDT-SWAP', orderId: 'p7', side: 'long', qty: null, orderPrice: null, orderType: null, execType: null, closedSize: null,
        cumEntryValue: null, avgEntryPrice: null, cumExitValue: null, avgExitPrice: null, closedPnl: '1.87', openFee: null, closeFee: null, fillCount: null,
        leverage: null, createdAt: T, updatedAt: null, raw: null,
      }],
    }, OKX_FLOW_RULES);
    const net = (asset: string) => flows.filter((f) => f.asset === asset).reduce((s, f) => s.plus(f.delta), dec('0')).toString();
    // USDT: +10000 − 101 − 0.5 + 2; BTC: +0.05 − 0.01. Closed positions are in the bills already.
    expect([net('USDT'), net('BTC')]).toEqual(['9900.5', '0.04']);
    expect(undirectedTransfers).toEqual([]);
  });
});

describe('flow rules per exchange', () => {
  it('OKX gets its own, Bybit and every other exchange Bybit\'s', () => {
    expect(flowRulesFor('okx')).toBe(OKX_FLOW_RULES);
    expect(flowRulesFor('bybit')).toBe(BYBIT_FLOW_RULES);
    expect(flowRulesFor('kraken')).toBe(BYBIT_FLOW_RULES);
  });

  it('Bybit counts a deposit credited to the funding pool (10012) as it counts a successful one (3)', () => {
    expect(['3', '10012', '2', '4', null].map((s) => BYBIT_FLOW_RULES.depositCredited(s))).toEqual([true, true, false, false, false]);
  });
});
