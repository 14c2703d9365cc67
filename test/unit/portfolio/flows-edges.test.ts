import { describe, expect, it } from 'vitest';
import type { CashFlowRow, ClosedPnlRow } from '../../../electron/core/exchange/history-types.js';
import { accountFlows as flowsWith, flowsOfFills, type AccountRecords } from '../../../electron/core/portfolio/flows.js';
import { BYBIT_FLOW_RULES, bybitFlowRules, countsBybitLogRow as countsLogRow, ownMemberId } from '../../../electron/core/exchange/bybit/bybit-flow-rules.js';
import { flowRulesFor } from '../../../electron/core/exchange/flow-rules.js';
import { fill } from './fixtures.js';

const T = new Date(Date.UTC(2026, 0, 10));

function cash(kind: CashFlowRow['kind'], asset: string, amount: string, extra: Partial<CashFlowRow> = {}): CashFlowRow {
  return {
    kind, flowId: `${kind}-${asset}-${amount}`, asset, amount, fee: null, counterAsset: null, counterAmount: null, fromWallet: null, toWallet: null,
    txId: null, status: kind === 'deposit' ? '3' : kind === 'withdrawal' ? 'success' : 'SUCCESS', rawType: null, occurredAt: T, raw: {}, ...extra,
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
const listed = (r: Partial<AccountRecords>) => accountFlows(records(r)).flows.map((f) => [f.asset, f.delta.toString()]);
const transfer = (asset: string, amount: string, raw: unknown, status = 'SUCCESS') => cash('universal-transfer', asset, amount, { flowId: `u-${asset}-${amount}`, raw, status });

describe('spot fill fees', () => {
  it('charges a fee only when it is known, non-zero and has a coin', () => {
    const f = (fee: string | undefined, feeCcy: string | undefined) => fill({ side: 'buy', symbol: 'BTC/USDT', qty: '1', price: '100', fee, feeCcy, at: 1 });
    const legs = (x: ReturnType<typeof f>) => flowsOfFills([x]).map((l) => [l.asset, l.delta.toString()]);
    expect(legs(f(undefined, 'BTC'))).toEqual([['BTC', '1'], ['USDT', '-100']]);
    expect(legs(f('0', 'BNB'))).toEqual([['BTC', '1'], ['USDT', '-100']]);
    expect(legs(f('0.5', undefined))).toEqual([['BTC', '1'], ['USDT', '-100']]);
    expect(legs(f('0.5', 'MNT'))).toEqual([['BTC', '1'], ['USDT', '-100'], ['MNT', '-0.5']]);
  });
});

describe('which records move coins', () => {
  it('a withdrawal rejected or failed never left; one with no status or no fee counts its amount', () => {
    expect(listed({
      cashFlows: [
        cash('withdrawal', 'BTC', '1', { status: 'Reject', fee: '0.1' }), cash('withdrawal', 'BTC', '2', { status: 'Fail', fee: '0.1' }),
        cash('withdrawal', 'ETH', '3', { status: null }), cash('withdrawal', 'SOL', '4', { fee: null }),
      ],
    })).toEqual([['ETH', '-3'], ['SOL', '-4']]);
  });

  it('every move between the account\'s own wallets and products is left out of the log; other spot rows count', () => {
    for (const type of ['TRANSFER_IN', 'TRANSFER_OUT', 'FLEXIBLE_STAKING_SUBSCRIPTION', 'FLEXIBLE_STAKING_REDEMPTION', 'FLEXIBLE_STAKING_REFUND', 'FIXED_STAKING_SUBSCRIPTION', 'FIXED_STAKING_REFUND']) {
      expect(countsLogRow({ type, category: 'spot' }), type).toBe(false);
    }
    expect(countsLogRow({ type: 'AIRDROP', category: 'spot' })).toBe(true);
    expect(countsLogRow({ type: 'INTEREST', category: 'spot' })).toBe(true);
    expect(countsLogRow({ type: 'TRADE', category: 'option' })).toBe(true);
  });

  it('a convert without its given side counts only what it received', () => {
    expect(listed({
      cashFlows: [
        cash('convert', 'USDT', '10', { flowId: 'c1', counterAsset: null, counterAmount: '11' }),
        cash('convert', 'ETH', '1', { flowId: 'c2', counterAsset: 'USDC', counterAmount: null }),
      ],
    })).toEqual([['USDT', '10'], ['ETH', '1']]);
  });

  it('closed P&L of a contract whose settle coin cannot be told is left out, not booked to an unknown coin', () => {
    expect(listed({
      unified: false,
      closedPnl: [pnl('linear', 'BTCUSD', '5'), pnl('inverse', 'BTCUSDT', '6'), pnl('linear', 'ETHUSDC', '7'), pnl('linear', 'BTCUSDT-27JUN25', '8'), pnl('option', 'BTC-27JUN25-90000-C', '9')],
    })).toEqual([['USDC', '7'], ['USDT', '8'], ['USDC', '9']]);
  });
});

describe('universal transfer direction', () => {
  it('only a transfer that succeeded moves coins', () => {
    const r = accountFlows(records({ cashFlows: [transfer('USDT', '100', { fromMemberId: '2', toMemberId: '1' }), transfer('BTC', '1', { fromMemberId: '1', toMemberId: '3' }, 'FAILED')] }));
    expect(r.flows.map((f) => [f.asset, f.delta.toString()])).toEqual([['USDT', '100']]);
  });

  it('a transfer naming this account on both sides moves nothing and is not reported as undirected', () => {
    const r = accountFlows(records({ cashFlows: [transfer('USDT', '100', { fromMemberId: '2', toMemberId: '1' }), transfer('BTC', '1', { fromMemberId: '1', toMemberId: '1' })] }));
    expect(r.flows.map((f) => [f.asset, f.delta.toString()])).toEqual([['USDT', '100']]);
    expect(r.undirectedTransfers).toEqual([]);
  });

  it('when no member id is common to all transfers, even one naming a single side is undirected; assets come sorted', () => {
    const r = accountFlows(records({ cashFlows: [transfer('USDT', '5', { toMemberId: '7' }), transfer('BTC', '1', { fromMemberId: '8' }), transfer('ETH', '2', { fromMemberId: '1', toMemberId: '2' })] }));
    expect(r.flows).toEqual([]);
    expect(r.undirectedTransfers).toEqual(['BTC', 'ETH', 'USDT']);
  });

  it('ignores deposits and other records when finding the member id', () => {
    const cashFlows = [cash('deposit', 'BTC', '1'), transfer('USDT', '100', { fromMemberId: '2', toMemberId: '1' }), transfer('ETH', '3', { fromMemberId: '1', toMemberId: '4' })];
    expect(ownMemberId(cashFlows)).toBe('1');
    expect(listed({ cashFlows })).toEqual([['BTC', '1'], ['USDT', '100'], ['ETH', '-3']]);
  });

  it('a missing or empty side names nobody, and a numeric member id is the same member as its string', () => {
    expect(ownMemberId([transfer('USDT', '1', { fromMemberId: '1' }), transfer('BTC', '2', { toMemberId: '1' })])).toBe('1');
    expect(ownMemberId([transfer('USDT', '1', { fromMemberId: '1', toMemberId: '' }), transfer('BTC', '2', { fromMemberId: '', toMemberId: '1' })])).toBe('1');
    const mixed = [transfer('USDT', '100', { fromMemberId: 2, toMemberId: 1 }), transfer('BTC', '1', { fromMemberId: '1', toMemberId: '3' })];
    expect(ownMemberId(mixed)).toBe('1');
    expect(listed({ cashFlows: mixed })).toEqual([['USDT', '100'], ['BTC', '-1']]);
  });

  it('tells in, out, a transfer to itself, and what cannot be told', () => {
    const t = (raw: unknown, status = 'SUCCESS') => ({ kind: 'universal-transfer' as const, status, rawType: null, raw });
    // This account is '1': every record names it.
    const side = BYBIT_FLOW_RULES.transferSides([t({ fromMemberId: '2', toMemberId: '1' }), t({ fromMemberId: '1', toMemberId: '3' })]);
    expect(side(t({ fromMemberId: '2', toMemberId: '1' }))).toBe(1);
    expect(side(t({ fromMemberId: '1', toMemberId: '2' }))).toBe(-1);
    expect(side(t({ fromMemberId: '1', toMemberId: '1' }))).toBe(0);
    expect(side(t({ fromMemberId: '2', toMemberId: '1' }, 'FAILED'))).toBe(0);
    // Neither side is this account, or one side is missing.
    expect(side(t({ fromMemberId: '2', toMemberId: '3' }))).toBeNull();
    expect(side(t({ fromMemberId: '2' }))).toBeNull();
    expect(side(t({ toMemberId: '1' }))).toBe(1);
    expect(side(t({ fromMemberId: 1 }))).toBe(-1);
    // A lone record cannot tell which side is this account.
    const lone = BYBIT_FLOW_RULES.transferSides([t({ fromMemberId: '2', toMemberId: '1' })]);
    expect(lone(t({ fromMemberId: '2', toMemberId: '1' }))).toBeNull();
    expect(lone(t({}))).toBeNull();
  });

  it('with the account\'s own id known, a lone transfer (one sub-account) has its side too', () => {
    const t = (raw: unknown) => ({ kind: 'universal-transfer' as const, status: 'SUCCESS', rawType: null, raw });
    const inOnly = [t({ fromMemberId: '2', toMemberId: '1' })];
    expect(bybitFlowRules('1').transferSides(inOnly)(inOnly[0]!)).toBe(1);
    expect(bybitFlowRules('2').transferSides(inOnly)(inOnly[0]!)).toBe(-1);
    // The id read wins over what the records share.
    const shared = [t({ fromMemberId: '2', toMemberId: '1' }), t({ fromMemberId: '1', toMemberId: '3' })];
    expect(bybitFlowRules('3').transferSides(shared)(shared[1]!)).toBe(1);
    expect(bybitFlowRules('3').transferSides(shared)(shared[0]!)).toBeNull();
    expect(flowRulesFor('bybit', { ownId: '1' }).transferSides(inOnly)(inOnly[0]!)).toBe(1);
    expect(flowRulesFor('bybit', { ownId: null })).toBe(BYBIT_FLOW_RULES);
    expect(flowRulesFor('okx', { ownId: '1' })).toBe(flowRulesFor('okx'));
  });

  it('a transfer with no readable member data cannot be placed', () => {
    const r = accountFlows(records({ cashFlows: [transfer('USDT', '100', null), transfer('BTC', '1', 'not an object')] }));
    expect(r.flows).toEqual([]);
    expect(r.undirectedTransfers).toEqual(['BTC', 'USDT']);
  });
});
