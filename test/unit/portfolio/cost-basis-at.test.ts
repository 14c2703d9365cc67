import { describe, expect, it } from 'vitest';
import { computeCostBooks, costBasisAt, type CostBasis, type CostTransfer } from '../../../electron/core/portfolio/cost-basis.js';
import { dec } from '../../../electron/core/portfolio/decimal.js';
import { fill } from './fixtures.js';

// fixtures.ts puts `at` minutes after 2025-01-01.
const T0 = Date.UTC(2025, 0, 1);
const min = (m: number) => T0 + m * 60_000;
const shown = (b: CostBasis | undefined) => (b === undefined ? undefined : [b.quantity.toString(), b.costedQuantity.toString(), b.cost.toString(), b.partial]);

const buy = fill({ id: 'b', side: 'buy', symbol: 'BTC/USDT', qty: '1', price: '100', fee: '0', feeCcy: 'USDT', at: 10 });
const sell = fill({ id: 's', side: 'sell', symbol: 'BTC/USDT', qty: '0.5', price: '200', fee: '0', feeCcy: 'USDT', at: 20 });
const deposit: CostTransfer = { id: 'deposit:1', executedAt: new Date(min(30)), kind: 'deposit', asset: 'BTC', quantity: dec('1'), usdtRate: dec('300') };

describe('costBasisAt: the books as they stood at given instants', () => {
  it('counts what happened strictly before each instant', () => {
    const at = costBasisAt([sell, buy], [], 'unknown', [min(5), min(10), min(11), min(20), min(21)]);
    expect(at.map((m) => shown(m.get('BTC')))).toEqual([
      undefined, undefined, ['1', '1', '100', false], ['1', '1', '100', false], ['0.5', '0.5', '50', false],
    ]);
  });

  it('an earlier answer is not changed by what the replay books later', () => {
    const [early, late] = costBasisAt([buy, sell], [], 'unknown', [min(11), min(99)]);
    expect(shown(early!.get('BTC'))).toEqual(['1', '1', '100', false]);
    expect(shown(late!.get('BTC'))).toEqual(['0.5', '0.5', '50', false]);
  });

  it('deposits follow the policy, as in the whole books', () => {
    const [unknown] = costBasisAt([buy, sell], [deposit], 'unknown', [min(31)]);
    const [market] = costBasisAt([buy, sell], [deposit], 'market', [min(31)]);
    expect(shown(unknown!.get('BTC'))).toEqual(['1.5', '0.5', '50', true]);
    expect(shown(market!.get('BTC'))).toEqual(['1.5', '1.5', '350', false]);
  });

  it('after the last event it is exactly the whole books', () => {
    const [after] = costBasisAt([buy, sell], [deposit], 'market', [min(1000)]);
    expect(after).toEqual(computeCostBooks([buy, sell], [deposit], 'market').basis);
  });

  it('no instants, no answers', () => {
    expect(costBasisAt([buy], [], 'unknown', [])).toEqual([]);
  });
});
