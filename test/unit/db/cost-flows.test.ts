import { describe, expect, it } from 'vitest';
import { BYBIT_FLOW_RULES } from '../../../electron/core/exchange/bybit/bybit-flow-rules.js';
import { costMovesOf, mergeCostFlows, type CostFlowRow } from '../../../electron/core/db/repositories/cost-transfers-repo.js';
import type { CashFlowRow } from '../../../electron/core/exchange/history-types.js';

const T = new Date(Date.UTC(2026, 0, 10));
const row = (kind: CashFlowRow['kind'], flowId: string, extra: Partial<CashFlowRow> = {}): CashFlowRow => ({
  kind, flowId, asset: 'BTC', amount: '0.5', fee: null, counterAsset: null, counterAmount: null, fromWallet: null, toWallet: null, txId: null,
  status: 'SUCCESS', rawType: null, occurredAt: T, raw: {}, usdtRate: '60000', counterUsdtRate: null, ...extra,
});
const universal = (flowId: string, from: string, to: string, extra: Partial<CashFlowRow> = {}) => row('universal-transfer', flowId, { raw: { fromMemberId: from, toMemberId: to }, ...extra });
const brief = (flows: CostFlowRow[]) => costMovesOf(flows, BYBIT_FLOW_RULES).transfers.map((t) => [t.id, t.kind, t.asset, t.quantity.toString(), t.usdtRate?.toString() ?? null]);

describe('the cost basis\' view of the cash flows', () => {
  it('deposits once credited, withdrawals (with their fee) unless undone', () => {
    expect(brief([
      row('deposit', 'd1', { status: '3' }), row('deposit', 'd2', { status: '10012' }), row('deposit', 'd3', { status: '1' }), row('deposit', 'd4', { status: null }),
      row('withdrawal', 'w1', { status: 'success', fee: '0.0002' }), row('withdrawal', 'w2', { status: 'Fail' }), row('withdrawal', 'w3', { status: 'Reject' }),
      row('withdrawal', 'w4', { status: 'CancelByUser' }), row('withdrawal', 'w5', { status: null }),
    ])).toEqual([
      ['deposit:d1', 'deposit', 'BTC', '0.5', '60000'], ['deposit:d2', 'deposit', 'BTC', '0.5', '60000'],
      ['withdrawal:w1', 'withdrawal', 'BTC', '0.5002', null], ['withdrawal:w5', 'withdrawal', 'BTC', '0.5', null],
    ]);
  });

  it('universal transfers by the account\'s own member id: in as a deposit (with its rate), out as a withdrawal; only once they succeeded', () => {
    expect(brief([universal('u1', '2', '1'), universal('u2', '1', '3'), universal('u3', '1', '4', { status: 'FAILED' }), universal('u4', '1', '1')])).toEqual([
      ['transfer:u1', 'deposit', 'BTC', '0.5', '60000'], ['transfer:u2', 'withdrawal', 'BTC', '0.5', null],
    ]);
  });

  it('a lone universal transfer cannot be placed: undirected', () => {
    expect(brief([universal('u1', '2', '1', { asset: 'ETH', usdtRate: null })])).toEqual([['transfer:u1', 'undirected', 'ETH', '0.5', null]]);
  });

  it('converts: from the coin given (counter) to the coin received, with both rates; internal transfers and malformed converts are left out', () => {
    const moves = costMovesOf([
      row('convert', 'c1', { asset: 'BTC', amount: '0.025', counterAsset: 'ETH', counterAmount: '0.5', usdtRate: '62000', counterUsdtRate: '3000', status: null }),
      row('convert', 'c2', { counterAsset: null, counterAmount: '1' }), row('convert', 'c3', { counterAsset: 'ETH', counterAmount: null }),
      row('internal-transfer', 'i1'),
    ], BYBIT_FLOW_RULES);
    expect(moves.transfers).toEqual([]);
    expect(moves.converts.map((c) => [c.id, c.from, c.fromQuantity.toString(), c.to, c.toQuantity.toString(), c.fromUsdtRate?.toString(), c.toUsdtRate?.toString(), c.executedAt]))
      .toEqual([['c1', 'ETH', '0.5', 'BTC', '0.025', '3000', '62000', T]]);
    expect(costMovesOf([row('convert', 'c4', { counterAsset: 'ETH', counterAmount: '1', usdtRate: null })], BYBIT_FLOW_RULES).converts[0]).toMatchObject({ fromUsdtRate: null, toUsdtRate: null });
  });
});

describe('merging this sync\'s cash flows into the stored ones', () => {
  const stored: CostFlowRow[] = [row('deposit', 'd1', { status: '1', usdtRate: '50000' }), row('convert', 'c1', { usdtRate: null, counterUsdtRate: null, status: null })];

  it('nothing new or changed: unchanged', () => {
    const m = mergeCostFlows(stored, [row('deposit', 'd1', { status: '1', usdtRate: '50000' }), row('internal-transfer', 'i1'), row('convert', 'c1', { usdtRate: null, counterUsdtRate: null, status: null })]);
    expect(m.changed).toBe(false);
    expect(m.flows).toEqual(stored);
  });

  it('a record whose status moved on replaces the stored one but keeps the stored rate', () => {
    const m = mergeCostFlows(stored, [row('deposit', 'd1', { status: '3', usdtRate: '51000' })]);
    expect(m.changed).toBe(true);
    expect(m.flows[0]).toMatchObject({ flowId: 'd1', status: '3', usdtRate: '50000' });
  });

  it('a record that gains a rate it lacked, or a new record, changes the books', () => {
    const gained = mergeCostFlows(stored, [row('convert', 'c1', { usdtRate: '62000', counterUsdtRate: null, status: null })]);
    expect([gained.changed, gained.flows[1]?.usdtRate, gained.flows[1]?.counterUsdtRate]).toEqual([true, '62000', null]);
    const counter = mergeCostFlows(stored, [row('convert', 'c1', { usdtRate: null, counterUsdtRate: '3000', status: null })]);
    expect([counter.changed, counter.flows[1]?.counterUsdtRate]).toEqual([true, '3000']);
    const added = mergeCostFlows(stored, [row('withdrawal', 'd1')]);
    expect([added.changed, added.flows.length]).toEqual([true, 3]);
  });
});
