import { describe, expect, it } from 'vitest';
import { averageCost, computeCostBasis, isCash, type CostBasis } from '../../../electron/core/portfolio/cost-basis.js';
import { fill, fills, type FillSpec } from './fixtures.js';
import { dec } from '../../../electron/core/portfolio/decimal.js';

interface Expected {
  quantity: string;
  cost: string;
  avg: string | null;
  partial: boolean;
  costedQuantity?: string;
}

function view(b: CostBasis | undefined): Expected | undefined {
  if (b === undefined) return undefined;
  const avg = averageCost(b);
  const out: Expected = { quantity: b.quantity.toString(), cost: b.cost.toString(), avg: avg === null ? null : avg.toString(), partial: b.partial };
  if (!b.costedQuantity.eq(b.quantity)) out.costedQuantity = b.costedQuantity.toString();
  return out;
}

const cases: { name: string; fills: FillSpec[]; expect: Record<string, Expected | undefined> }[] = [
  {
    name: 'buy with fee in quote: fee adds to cost',
    fills: [{ side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1', fee: '0.5', feeCcy: 'USDT' }],
    expect: { BTC: { quantity: '1', cost: '50000.5', avg: '50000.5', partial: false } },
  },
  {
    name: 'buy with fee in base: fee reduces quantity',
    fills: [{ side: 'buy', symbol: 'BTC/USDT', price: '30000', qty: '2', fee: '0.5', feeCcy: 'BTC' }],
    expect: { BTC: { quantity: '1.5', cost: '60000', avg: '40000', partial: false } },
  },
  {
    name: 'fee in a third coin with its rate: value added to cost, fee coin disposed at its average',
    fills: [
      { side: 'buy', symbol: 'MNT/USDT', price: '0.5', qty: '100' },
      { side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1', fee: '2', feeCcy: 'MNT', feeRate: '0.6' },
    ],
    expect: {
      BTC: { quantity: '1', cost: '50001.2', avg: '50001.2', partial: false },
      MNT: { quantity: '98', cost: '49', avg: '0.5', partial: false },
    },
  },
  {
    name: 'fee in a third coin without its rate: acquired asset partial, fee coin still disposed',
    fills: [
      { side: 'buy', symbol: 'MNT/USDT', price: '0.5', qty: '100' },
      { side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1', fee: '2', feeCcy: 'MNT' },
    ],
    expect: {
      BTC: { quantity: '1', cost: '50000', avg: '50000', partial: true },
      MNT: { quantity: '98', cost: '49', avg: '0.5', partial: false },
    },
  },
  {
    name: 'sell to cash with a third-coin fee and no rate: nothing to cost, nothing partial',
    fills: [
      { side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '2' },
      { side: 'sell', symbol: 'BTC/USDT', price: '60000', qty: '1', fee: '1', feeCcy: 'BNB' },
    ],
    expect: { BTC: { quantity: '1', cost: '50000', avg: '50000', partial: false }, BNB: { quantity: '0', cost: '0', avg: null, partial: false } },
  },
  {
    name: 'fee in another cash coin counts at par',
    fills: [{ side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1', fee: '3', feeCcy: 'USDC' }],
    expect: { BTC: { quantity: '1', cost: '50003', avg: '50003', partial: false }, USDC: undefined, USDT: undefined },
  },
  {
    name: 'fee of unknown currency: partial',
    fills: [{ side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1', fee: '3' }],
    expect: { BTC: { quantity: '1', cost: '50000', avg: '50000', partial: true } },
  },
  {
    name: 'partial sells keep the average (fee in quote, then fee in base)',
    fills: [
      { side: 'buy', symbol: 'BTC/USDT', price: '30000', qty: '2' },
      { side: 'buy', symbol: 'BTC/USDT', price: '40000', qty: '2' },
      { side: 'sell', symbol: 'BTC/USDT', price: '50000', qty: '1', fee: '10', feeCcy: 'USDT' },
      { side: 'sell', symbol: 'BTC/USDT', price: '50000', qty: '0.5', fee: '0.01', feeCcy: 'BTC' },
    ],
    expect: { BTC: { quantity: '2.49', cost: '87150', avg: '35000', partial: false } },
  },
  {
    name: 'sell to zero then rebuy: reset',
    fills: [
      { side: 'buy', symbol: 'BTC/USDT', price: '100', qty: '1' },
      { side: 'sell', symbol: 'BTC/USDT', price: '200', qty: '1' },
      { side: 'buy', symbol: 'BTC/USDT', price: '300', qty: '2' },
    ],
    expect: { BTC: { quantity: '2', cost: '600', avg: '300', partial: false } },
  },
  {
    name: 'sell more than bought: reset, never negative',
    fills: [
      { side: 'buy', symbol: 'BTC/USDT', price: '100', qty: '1' },
      { side: 'sell', symbol: 'BTC/USDT', price: '200', qty: '3' },
    ],
    expect: { BTC: { quantity: '0', cost: '0', avg: null, partial: false } },
  },
  {
    name: 'sell more than bought, then rebuy',
    fills: [
      { side: 'buy', symbol: 'BTC/USDT', price: '100', qty: '1' },
      { side: 'sell', symbol: 'BTC/USDT', price: '200', qty: '3' },
      { side: 'buy', symbol: 'BTC/USDT', price: '200', qty: '0.5' },
    ],
    expect: { BTC: { quantity: '0.5', cost: '100', avg: '200', partial: false } },
  },
  {
    name: 'cross pair buy ETH/BTC with rate: ETH bought, BTC disposed at its average',
    fills: [
      { side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1' },
      { side: 'buy', symbol: 'ETH/BTC', price: '0.05', qty: '10', fee: '0.001', feeCcy: 'BTC', rate: '60000' },
    ],
    expect: {
      ETH: { quantity: '10', cost: '30060', avg: '3006', partial: false },
      BTC: { quantity: '0.499', cost: '24950', avg: '50000', partial: false },
    },
  },
  {
    name: 'cross pair sell ETH/BTC with rate, fee in the received BTC',
    fills: [
      { side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1' },
      { side: 'buy', symbol: 'ETH/BTC', price: '0.05', qty: '10', fee: '0.001', feeCcy: 'BTC', rate: '60000' },
      { side: 'sell', symbol: 'ETH/BTC', price: '0.06', qty: '4', fee: '0.0001', feeCcy: 'BTC', rate: '50000' },
    ],
    expect: {
      ETH: { quantity: '6', cost: '18036', avg: '3006', partial: false },
      // 0.499 + (0.24 − 0.0001); cost 24950 + 0.24 × 50000
      BTC: { quantity: '0.7389', cost: '36950', avg: '50006.7668155366084720530518338070104209', partial: false },
    },
  },
  {
    name: 'cross pair sell ETH/BTC with fee in the ETH given: fee value adds to the BTC cost',
    fills: [
      { side: 'buy', symbol: 'ETH/USDT', price: '2000', qty: '2' },
      { side: 'sell', symbol: 'ETH/BTC', price: '0.05', qty: '1', fee: '0.01', feeCcy: 'ETH', rate: '60000' },
    ],
    expect: {
      ETH: { quantity: '0.99', cost: '1980', avg: '2000', partial: false },
      BTC: { quantity: '0.05', cost: '3030', avg: '60600', partial: false },
    },
  },
  {
    name: 'cross pair without rate: acquired units carry no cost, asset partial',
    fills: [
      { side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1' },
      { side: 'buy', symbol: 'ETH/BTC', price: '0.05', qty: '10' },
    ],
    expect: {
      ETH: { quantity: '10', cost: '0', avg: null, partial: true, costedQuantity: '0' },
      BTC: { quantity: '0.5', cost: '25000', avg: '50000', partial: false },
    },
  },
  {
    name: 'uncosted units do not drag the average; sells take costed and uncosted in proportion',
    fills: [
      { side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1' },
      { side: 'buy', symbol: 'ETH/BTC', price: '0.05', qty: '10' },
      { side: 'buy', symbol: 'ETH/USDT', price: '2000', qty: '10' },
      { side: 'sell', symbol: 'ETH/USDT', price: '2500', qty: '10' },
    ],
    expect: { ETH: { quantity: '10', cost: '10000', avg: '2000', partial: true, costedQuantity: '5' } },
  },
  {
    name: 'cross pair sell without rate: received BTC partial',
    fills: [
      { side: 'buy', symbol: 'ETH/USDT', price: '2000', qty: '1' },
      { side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '0.1' },
      { side: 'sell', symbol: 'ETH/BTC', price: '0.04', qty: '1' },
    ],
    expect: {
      ETH: { quantity: '0', cost: '0', avg: null, partial: false },
      BTC: { quantity: '0.14', cost: '5000', avg: '50000', partial: true, costedQuantity: '0.1' },
    },
  },
  {
    name: 'dust amounts keep every digit',
    fills: [
      { side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '0.00000001', fee: '0.00000000001', feeCcy: 'BTC' },
      { side: 'buy', symbol: 'PEPE/USDT', price: '0.00000003', qty: '0.00000001' },
    ],
    expect: {
      BTC: { quantity: '0.00000000999', cost: '0.0005', avg: '50050.05005005005005005005005005005005005', partial: false },
      PEPE: { quantity: '0.00000001', cost: '0.0000000000000003', avg: '0.00000003', partial: false },
    },
  },
  {
    name: 'a fee rebate in a third coin (negative fee): the coin is acquired at its value, which lowers the cost',
    fills: [{ side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1', fee: '-2', feeCcy: 'MNT', feeRate: '0.6' }],
    expect: {
      BTC: { quantity: '1', cost: '49998.8', avg: '49998.8', partial: false },
      MNT: { quantity: '2', cost: '1.2', avg: '0.6', partial: false },
    },
  },
  {
    name: 'a fee rebate in a third coin without its rate: the coin arrives uncosted',
    fills: [{ side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1', fee: '-2', feeCcy: 'MNT' }],
    expect: {
      BTC: { quantity: '1', cost: '50000', avg: '50000', partial: true },
      MNT: { quantity: '2', cost: '0', avg: null, partial: true, costedQuantity: '0' },
    },
  },
  {
    name: 'a fee rebate in the acquired coin adds to the quantity, in the quote lowers the cost',
    fills: [
      { side: 'buy', symbol: 'BTC/USDT', price: '40000', qty: '1', fee: '-0.001', feeCcy: 'BTC' },
      { side: 'buy', symbol: 'ETH/USDT', price: '2000', qty: '1', fee: '-1', feeCcy: 'USDT' },
    ],
    expect: {
      BTC: { quantity: '1.001', cost: '40000', avg: '39960.03996003996003996003996003996003996', partial: false },
      ETH: { quantity: '1', cost: '1999', avg: '1999', partial: false },
    },
  },
  {
    name: 'closing a holding clears its partial flag: what is bought afterwards is fully costed',
    fills: [
      { side: 'buy', symbol: 'BTC/USDT', price: '100', qty: '1', fee: '1' },
      { side: 'sell', symbol: 'BTC/USDT', price: '200', qty: '1' },
      { side: 'buy', symbol: 'BTC/USDT', price: '300', qty: '2' },
    ],
    expect: { BTC: { quantity: '2', cost: '600', avg: '300', partial: false } },
  },
  {
    name: 'selling more than was bought also clears the partial flag',
    fills: [
      { side: 'buy', symbol: 'ETH/USDT', price: '2000', qty: '1', fee: '1' },
      { side: 'sell', symbol: 'ETH/USDT', price: '2000', qty: '2' },
    ],
    expect: { ETH: { quantity: '0', cost: '0', avg: null, partial: false } },
  },
  {
    name: 'cross pair without rate, fee in the coin given: its value is unknown too',
    fills: [
      { side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1' },
      { side: 'buy', symbol: 'ETH/BTC', price: '0.05', qty: '10', fee: '0.001', feeCcy: 'BTC' },
    ],
    expect: {
      ETH: { quantity: '10', cost: '0', avg: null, partial: true, costedQuantity: '0' },
      BTC: { quantity: '0.499', cost: '24950', avg: '50000', partial: false },
    },
  },
  {
    name: 'cross pair without rate, fee in the coin acquired: fewer units, still uncosted',
    fills: [{ side: 'buy', symbol: 'ETH/BTC', price: '0.05', qty: '10', fee: '0.01', feeCcy: 'ETH' }],
    expect: { ETH: { quantity: '9.99', cost: '0', avg: null, partial: true, costedQuantity: '0' } },
  },
  {
    name: 'cross pair without rate, fee in cash: the trade value stays unknown',
    fills: [{ side: 'buy', symbol: 'ETH/BTC', price: '0.05', qty: '10', fee: '1', feeCcy: 'USDC' }],
    expect: { ETH: { quantity: '10', cost: '0', avg: null, partial: true, costedQuantity: '0' }, USDC: undefined },
  },
  {
    name: 'a fill between two cash coins books nothing',
    fills: [{ side: 'buy', symbol: 'USDC/USDT', price: '0.9998', qty: '100', fee: '0.1', feeCcy: 'USDC' }],
    expect: { USDC: undefined, USDT: undefined },
  },
  {
    name: 'an unusable fill (zero price) is skipped and flagged',
    fills: [
      { side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1' },
      { side: 'buy', symbol: 'BTC/USDT', price: '0', qty: '1' },
    ],
    expect: { BTC: { quantity: '1', cost: '50000', avg: '50000', partial: true }, USDT: undefined },
  },
];

describe('computeCostBasis', () => {
  it.each(cases)('$name', ({ fills: specs, expect: expected }) => {
    const basis = computeCostBasis(fills(...specs));
    for (const [asset, e] of Object.entries(expected)) expect(view(basis.get(asset)), asset).toEqual(e);
  });

  it('processes fills in execution order, then by id, whatever the input order', () => {
    const buy = fill({ side: 'buy', symbol: 'BTC/USDT', price: '100', qty: '1', at: 10 });
    const sell = fill({ side: 'sell', symbol: 'BTC/USDT', price: '200', qty: '0.5', at: 20 });
    // Same instant: id 'a' (buy) runs before 'b' (sell) even though listed after.
    const tieSell = fill({ id: 'b', side: 'sell', symbol: 'ETH/USDT', price: '10', qty: '1', at: 30 });
    const tieBuy = fill({ id: 'a', side: 'buy', symbol: 'ETH/USDT', price: '5', qty: '2', at: 30 });
    const basis = computeCostBasis([sell, tieSell, buy, tieBuy]);
    expect(view(basis.get('BTC'))).toEqual({ quantity: '0.5', cost: '50', avg: '100', partial: false });
    expect(view(basis.get('ETH'))).toEqual({ quantity: '1', cost: '5', avg: '5', partial: false });
  });

  it('counts the fills touching each asset, cash excluded', () => {
    const basis = computeCostBasis(
      fills(
        { side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1' },
        { side: 'buy', symbol: 'ETH/BTC', price: '0.05', qty: '1', fee: '1', feeCcy: 'MNT', rate: '50000', feeRate: '1' },
      ),
    );
    expect([...basis.entries()].map(([a, b]) => [a, b.fills])).toEqual([['BTC', 2], ['ETH', 1], ['MNT', 1]]);
  });

  it('counts a fill once per asset, however many of its legs the asset is', () => {
    const basis = computeCostBasis(
      fills(
        { side: 'buy', symbol: 'ETH/BTC', price: '0.05', qty: '2', fee: '0.01', feeCcy: 'ETH', rate: '50000' },
        { side: 'sell', symbol: 'ETH/BTC', price: '0.05', qty: '1', fee: '0.001', feeCcy: 'BTC', rate: '50000' },
        { side: 'buy', symbol: 'SOL/SOL', price: '1', qty: '1' },
      ),
    );
    expect([...basis.entries()].map(([a, b]) => [a, b.fills])).toEqual([['ETH', 2], ['BTC', 2], ['SOL', 1]]);
  });

  it('sells never move the average, not even in the 40th digit', () => {
    // An average that does not terminate (29013 / 0.5996): recomputing cost/quantity
    // after each sell would drift in the last digit.
    const basis = computeCostBasis(
      fills(
        { side: 'buy', symbol: 'BTC/USDT', price: '40000', qty: '0.4', fee: '0.0004', feeCcy: 'BTC' },
        { side: 'buy', symbol: 'BTC/USDC', price: '65000', qty: '0.2', fee: '13', feeCcy: 'USDT' },
        { side: 'sell', symbol: 'BTC/USDT', price: '80000', qty: '0.0396', fee: '3.168', feeCcy: 'USDT' },
        { side: 'sell', symbol: 'BTC/USDT', price: '60000', qty: '0.06' },
      ),
    );
    const btc = basis.get('BTC')!;
    expect(btc.quantity.toString()).toBe('0.5');
    expect(averageCost(btc)!.toString()).toBe(dec('29013').div('0.5996').toString());
  });

  it('at one instant, fills run in id order whatever the input order', () => {
    // a: buy at 100, b: sell all (the holding closes), c: buy at 300. Any other order
    // leaves a different holding.
    const at = 42;
    const a = fill({ id: 'a', at, side: 'buy', symbol: 'BTC/USDT', price: '100', qty: '1' });
    const b = fill({ id: 'b', at, side: 'sell', symbol: 'BTC/USDT', price: '200', qty: '1' });
    const c = fill({ id: 'c', at, side: 'buy', symbol: 'BTC/USDT', price: '300', qty: '1' });
    for (const order of [[a, b, c], [a, c, b], [b, a, c], [b, c, a], [c, a, b], [c, b, a]]) {
      expect(view(computeCostBasis(order).get('BTC')), order.map((f) => f.id).join('')).toEqual({ quantity: '1', cost: '300', avg: '300', partial: false });
    }
  });

  it('a fee of zero, or none, books nothing in its coin', () => {
    const basis = computeCostBasis(
      fills(
        { side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1', fee: '0', feeCcy: 'MNT' },
        { side: 'buy', symbol: 'ETH/USDT', price: '2000', qty: '1', feeCcy: 'BNB' },
      ),
    );
    expect([...basis.keys()]).toEqual(['BTC', 'ETH']);
    expect(view(basis.get('BTC'))).toEqual({ quantity: '1', cost: '50000', avg: '50000', partial: false });
  });

  it('a fee in an unknown coin is booked in no coin, whatever rate comes with it', () => {
    const basis = computeCostBasis(fills({ side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1', fee: '3', feeRate: '2' }));
    expect([...basis.keys()]).toEqual(['BTC']);
    expect(view(basis.get('BTC'))).toEqual({ quantity: '1', cost: '50000', avg: '50000', partial: true });
  });

  it('knows the cash assets', () => {
    expect(['USDT', 'USDC', 'USD', 'FDUSD', 'DAI'].every(isCash)).toBe(true);
    expect(isCash('BTC')).toBe(false);
  });
});
