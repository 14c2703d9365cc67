import { describe, expect, it } from 'vitest';
import { computeCostBooks, type CostTransfer } from '../../../electron/core/portfolio/cost-basis.js';
import { dec } from '../../../electron/core/portfolio/decimal.js';
import { valueAccount } from '../../../electron/core/portfolio/valuation.js';
import { fill } from './fixtures.js';

const T0 = Date.UTC(2025, 0, 1);
const transfer = (over: Partial<CostTransfer>): CostTransfer => ({
  id: 'deposit:1', executedAt: new Date(T0), kind: 'deposit', asset: 'BTC', quantity: dec('1'), usdtRate: dec('40000'), ...over,
});
const buy = fill({ id: 'b', side: 'buy', symbol: 'BTC/USDT', qty: '1', price: '50000', fee: '0', feeCcy: 'USDT', at: 10 });

describe('deposits and withdrawals in the books', () => {
  it('without a policy, a deposit has no cost (the default)', () => {
    const b = computeCostBooks([buy], [transfer({})]).basis.get('BTC')!;
    expect(b.quantity.toString()).toBe('2');
    expect(b.costedQuantity.toString()).toBe('1');
    expect(b.average?.toString()).toBe('50000');
    expect(b.partial).toBe(true);
  });

  it('a deposit or withdrawal of nothing, or of a negative amount (a malformed record), changes nothing', () => {
    for (const quantity of ['0', '-0.5']) {
      for (const kind of ['deposit', 'withdrawal'] as const) {
        const b = computeCostBooks([buy], [transfer({ kind, quantity: dec(quantity) })], 'market').basis.get('BTC')!;
        expect([b.quantity.toString(), b.cost.toString(), b.partial], `${kind} ${quantity}`).toEqual(['1', '50000', false]);
      }
    }
  });

  it('a deposit and a fill at the same instant run in id order', () => {
    const atOnce = fill({ id: 'z', side: 'sell', symbol: 'BTC/USDT', qty: '1', price: '60000', fee: '0', feeCcy: 'USDT', at: 0 });
    // "deposit:1" < "z": the deposit is booked first, so the sale has a cost and realises 20,000.
    const books = computeCostBooks([atOnce], [transfer({})], 'market');
    expect(books.outcomes.get('z')?.realisedPnl?.toString()).toBe('20000');
    // Reversed names: the sale comes first, from nothing, and what it realised is unknown.
    const reversed = computeCostBooks([{ ...atOnce, id: 'a' }], [transfer({ id: 'deposit:1' })], 'market');
    expect(reversed.outcomes.get('a')?.realisedPnl).toBeNull();
  });

  it('a coin that only arrived by deposit was never traded: no realised P&L or fees, and nothing partial about them', () => {
    const books = computeCostBooks([], [transfer({ asset: 'QBIT' })], 'market');
    const v = valueAccount({
      exchangeId: 'bybit', account: 'a', holdings: [{ asset: 'QBIT', wallets: { UNIFIED: dec('1') } }, { asset: 'USDT', wallets: { UNIFIED: dec('5') } }],
      prices: new Map(), costBasis: books.basis,
    });
    for (const item of v.items) expect(item, item.asset).toMatchObject({ realisedPnl: null, realisedPnlPartial: false, feesPaid: null, feesPartial: false });
    // Its average entry is still the deposit's price: it is a holding with a cost.
    expect(v.items.find((i) => i.asset === 'QBIT')?.avgEntryPrice?.toString()).toBe('40000');
  });
});
