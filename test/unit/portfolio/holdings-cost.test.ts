import { describe, expect, it } from 'vitest';
import { computeCostBooks, type CostBasis, type CostTransfer } from '../../../electron/core/portfolio/cost-basis.js';
import { dec, type Dec } from '../../../electron/core/portfolio/decimal.js';
import { holdingCost, holdingsCost, type HeldAsset, type HoldingCost } from '../../../electron/core/portfolio/holdings-cost.js';
import { fill } from './fixtures.js';

const basis = (over: Partial<CostBasis>): CostBasis => ({
  asset: 'BTC', quantity: dec('2'), costedQuantity: dec('2'), cost: dec('60000'), average: dec('30000'), partial: false, fills: 1,
  realisedPnl: dec('0'), realisedPartial: false, feesUsdt: dec('0'), feesPartial: false, ...over,
});
const shown = (c: HoldingCost | null | undefined) => (c == null ? c : [c.costedQuantity.toString(), c.cost.toString(), c.partial]);
const held = (asset: string, quantity: string, price: string | null): HeldAsset => ({ asset, quantity: dec(quantity), price: price === null ? null : dec(price) });
const figures = (h: { cost: Dec | null; costedValue: Dec | null; partial: boolean }) => [h.cost?.toString() ?? null, h.costedValue?.toString() ?? null, h.partial];

describe('holdingCost: the cost of the units held whose cost the books know', () => {
  it('a holding that matches the books has exactly their cost', () => {
    expect(shown(holdingCost('BTC', dec('2'), basis({})))).toEqual(['2', '60000', false]);
  });

  it('matching the books is not a share of them: a cost with no exact share stays the books\' own digits', () => {
    // 13 × (1/11) / 13 rounds differently from 1/11 at 40 digits: the books' cost is taken as it is.
    const b = basis({ quantity: dec('13'), costedQuantity: dec('13'), cost: dec('1').div('11') });
    expect(holdingCost('BTC', dec('13'), b)?.cost.toString()).toBe(dec('1').div('11').toString());
    expect(dec('13').times(b.cost).div('13').toString()).not.toBe(b.cost.toString());
  });

  it('a smaller holding (a withdrawal the books did not see) is a proportional share of them', () => {
    expect(shown(holdingCost('BTC', dec('0.5'), basis({})))).toEqual(['0.5', '15000', false]);
    // Costed and uncosted units leave in proportion: 3 held of 4 in the books, 1 of them costed (at 100).
    const mixed = basis({ quantity: dec('4'), costedQuantity: dec('1'), cost: dec('100'), partial: true });
    expect(shown(holdingCost('BTC', dec('3'), mixed))).toEqual(['0.75', '75', true]);
  });

  it('a larger holding has units beyond the books, with no known cost: partial', () => {
    expect(shown(holdingCost('BTC', dec('2.5'), basis({})))).toEqual(['2', '60000', true]);
  });

  it('partial when the books are (an unknown fee in the cost), even with every unit costed', () => {
    expect(shown(holdingCost('BTC', dec('2'), basis({ partial: true })))).toEqual(['2', '60000', true]);
  });

  it('nothing for cash, for no or a negative holding, without books, or when no unit has a cost', () => {
    expect(holdingCost('USDT', dec('2'), basis({ asset: 'USDT' }))).toBeNull();
    expect(holdingCost('USDC', dec('2'), basis({ asset: 'USDC' }))).toBeNull();
    expect(holdingCost('BTC', dec('0'), basis({}))).toBeNull();
    expect(holdingCost('BTC', dec('-1'), basis({}))).toBeNull();
    expect(holdingCost('BTC', dec('2'), undefined)).toBeNull();
    expect(holdingCost('BTC', dec('2'), basis({ costedQuantity: dec('0'), cost: dec('0'), average: null, partial: true }))).toBeNull();
  });

  it('follows the books a deposit made, under either policy', () => {
    const deposit: CostTransfer = { id: 'deposit:1', executedAt: new Date(Date.UTC(2025, 0, 1)), kind: 'deposit', asset: 'BTC', quantity: dec('1'), usdtRate: dec('30000') };
    const buy = fill({ side: 'buy', symbol: 'BTC/USDT', qty: '1', price: '40000', fee: '0', feeCcy: 'USDT', at: 10 });
    const unknown = computeCostBooks([buy], [deposit], 'unknown').basis.get('BTC');
    const market = computeCostBooks([buy], [deposit], 'market').basis.get('BTC');
    expect(shown(holdingCost('BTC', dec('2'), unknown))).toEqual(['1', '40000', true]);
    expect(shown(holdingCost('BTC', dec('2'), market))).toEqual(['2', '70000', false]);
  });
});

describe('holdingsCost: cost and value of the costed coins held', () => {
  const books = new Map<string, CostBasis>([
    ['BTC', basis({})],
    ['ETH', basis({ asset: 'ETH', quantity: dec('4'), costedQuantity: dec('1'), cost: dec('2000'), average: dec('2000'), partial: true })],
    ['SOL', basis({ asset: 'SOL', quantity: dec('10'), costedQuantity: dec('10'), cost: dec('1000'), average: dec('100') })],
  ]);

  it('adds the costed units of priced coins; cash, uncosted and unpriced coins are in neither sum', () => {
    const h = holdingsCost([
      held('BTC', '2', '35000'), held('ETH', '4', '2500'), held('USDT', '500', '1'), held('XNOP', '7', '3'), held('SOL', '10', null),
    ], books);
    // BTC: 60000 for 70000; ETH: 1 costed unit of 4, 2000 for 2500.
    expect(figures(h)).toEqual(['62000', '72500', true]);
    expect([...h.byAsset.keys()].sort()).toEqual(['BTC', 'ETH', 'SOL']);
    expect(shown(h.byAsset.get('SOL'))).toEqual(['10', '1000', false]);
    expect(shown(h.byAsset.get('ETH'))).toEqual(['1', '2000', true]);
  });

  it('every coin costed and priced: complete', () => {
    expect(figures(holdingsCost([held('BTC', '2', '35000'), held('USDC', '3', '1')], books))).toEqual(['60000', '70000', false]);
  });

  it('a partly costed coin alone makes the whole partial', () => {
    expect(figures(holdingsCost([held('BTC', '2', '35000'), held('ETH', '4', '2500')], books))).toEqual(['62000', '72500', true]);
  });

  it('an uncosted coin alone, or a costed one without a price, leaves nothing known: null, never 0', () => {
    expect(figures(holdingsCost([held('XNOP', '7', '3')], books))).toEqual([null, null, true]);
    const unpriced = holdingsCost([held('SOL', '10', null), held('USDT', '5', '1')], books);
    expect(figures(unpriced)).toEqual([null, null, true]);
    expect(shown(unpriced.byAsset.get('SOL'))).toEqual(['10', '1000', false]);
  });

  it('only cash, or nothing at all: a cost of 0 that is complete', () => {
    expect(figures(holdingsCost([held('USDT', '5', '1'), held('USDC', '2', '1')], books))).toEqual(['0', '0', false]);
    expect(figures(holdingsCost([], books))).toEqual(['0', '0', false]);
  });

  it('a coin with nothing held is not a coin without a cost', () => {
    expect(figures(holdingsCost([held('BTC', '2', '35000'), held('XNOP', '0', '3')], books))).toEqual(['60000', '70000', false]);
  });

  it('a costed coin with a price but a partial cost counts, and says so', () => {
    const partialBooks = new Map([['BTC', basis({ partial: true })]]);
    expect(figures(holdingsCost([held('BTC', '2', '35000')], partialBooks))).toEqual(['60000', '70000', true]);
  });
});
