import { describe, expect, it } from 'vitest';
import { computeCostBooks, type CostConvert, type CostTransfer } from '../../../electron/core/portfolio/cost-basis.js';
import { dec } from '../../../electron/core/portfolio/decimal.js';
import { valueAccount } from '../../../electron/core/portfolio/valuation.js';
import { fill } from './fixtures.js';

// A convert is a trade: the coin given leaves at its average cost, realising the
// convert's USDT value less that cost, and the coin received enters at the same value.
// Every figure below is worked out by hand.
const T0 = Date.UTC(2025, 0, 1);
const minute = (n: number) => new Date(T0 + n * 60_000);
const str = (d: { toString(): string } | null | undefined) => (d === null || d === undefined ? null : d.toString());

const convert = (over: Partial<CostConvert>): CostConvert => ({
  id: 'c1', executedAt: minute(20), from: 'ETH', fromQuantity: dec('0.5'), to: 'BTC', toQuantity: dec('0.025'),
  fromUsdtRate: dec('3000'), toUsdtRate: dec('62000'), ...over,
});
// 1 ETH at 2,000 USDT, no fee.
const buyEth = fill({ id: 'f1', side: 'buy', symbol: 'ETH/USDT', qty: '1', price: '2000', fee: '0', feeCcy: 'USDT', at: 10 });
const books = (converts: CostConvert[], transfers: CostTransfer[] = []) => computeCostBooks([buyEth], transfers, 'unknown', converts);

describe('converts in the cost basis', () => {
  it('between two coins: the coin given is valued at its price of the minute and realises value − average cost; the coin received costs that value', () => {
    const b = books([convert({})]);
    // 0.5 ETH × 3,000 = 1,500 USDT; 1,500 − 0.5 × 2,000 = 500.
    expect(str(b.convertOutcomes.get('c1')?.realisedPnl)).toBe('500');
    const eth = b.basis.get('ETH')!;
    expect([str(eth.quantity), str(eth.average), str(eth.realisedPnl), eth.realisedPartial, eth.fills]).toEqual(['0.5', '2000', '500', false, 2]);
    const btc = b.basis.get('BTC')!;
    // 1,500 / 0.025 = 60,000 a BTC (the convert's own rate, not BTC's market price of 62,000).
    expect([str(btc.quantity), str(btc.cost), str(btc.average), btc.partial, btc.fills, str(btc.realisedPnl)]).toEqual(['0.025', '1500', '60000', false, 1, '0']);
    // A convert charges no separate fee.
    expect([str(eth.feesUsdt), str(btc.feesUsdt)]).toEqual(['0', '0']);
    expect(b.outcomes.size).toBe(1);
  });

  it('without a price for the coin given, the coin received values it at its own price', () => {
    const b = books([convert({ fromUsdtRate: null })]);
    // 0.025 × 62,000 = 1,550; 1,550 − 1,000 = 550.
    expect(str(b.convertOutcomes.get('c1')?.realisedPnl)).toBe('550');
    expect(str(b.basis.get('BTC')?.average)).toBe('62000');
  });

  it('with no price at all, the coin received has no cost and what the convert realised is unknown', () => {
    const b = books([convert({ fromUsdtRate: null, toUsdtRate: null })]);
    expect(b.convertOutcomes.get('c1')?.realisedPnl).toBeNull();
    expect(b.basis.get('ETH')).toMatchObject({ realisedPartial: true, partial: false });
    expect(str(b.basis.get('ETH')?.realisedPnl)).toBe('0');
    const btc = b.basis.get('BTC')!;
    expect([str(btc.quantity), str(btc.costedQuantity), btc.average, btc.partial]).toEqual(['0.025', '0', null, true]);
  });

  it('cash given is worth its amount (at par, whatever rate came with it) and realises nothing', () => {
    const b = books([convert({ from: 'USDC', fromQuantity: dec('100'), to: 'SOL', toQuantity: dec('0.8'), fromUsdtRate: dec('2'), toUsdtRate: dec('999') })]);
    expect(str(b.convertOutcomes.get('c1')?.realisedPnl)).toBe('0');
    const sol = b.basis.get('SOL')!;
    expect([str(sol.quantity), str(sol.cost), str(sol.average), sol.fills]).toEqual(['0.8', '100', '125', 1]);
    // Cash has no books.
    expect(b.basis.has('USDC')).toBe(false);
  });

  it('cash received is worth its amount, ahead of any price of the coin given', () => {
    const b = books([convert({ fromQuantity: dec('1'), to: 'USDT', toQuantity: dec('2500'), fromUsdtRate: dec('3000') })]);
    // 2,500 − 1 × 2,000 = 500; ETH is sold out and starts afresh.
    expect(str(b.convertOutcomes.get('c1')?.realisedPnl)).toBe('500');
    expect([str(b.basis.get('ETH')?.quantity), b.basis.get('ETH')?.average]).toEqual(['0', null]);
    expect(b.basis.has('USDT')).toBe(false);
  });

  it('giving more than the books hold: the cost of what left is unknown, so is what it realised', () => {
    const b = books([convert({ fromQuantity: dec('1.5') })]);
    expect(b.convertOutcomes.get('c1')?.realisedPnl).toBeNull();
    expect(b.basis.get('ETH')?.realisedPartial).toBe(true);
    // The coin received still costs the convert's value: 1.5 × 3,000.
    expect(str(b.basis.get('BTC')?.cost)).toBe('4500');
  });

  it('a record that gave or got nothing is not booked: both coins are marked partial and the result is unknown', () => {
    for (const bad of [{ fromQuantity: dec('0') }, { toQuantity: dec('0') }, { toQuantity: dec('-1') }]) {
      const b = books([convert(bad)]);
      expect(b.convertOutcomes.get('c1')?.realisedPnl).toBeNull();
      expect(b.basis.get('ETH')).toMatchObject({ partial: true, realisedPartial: true });
      expect(str(b.basis.get('ETH')?.quantity)).toBe('1');
      expect(b.basis.get('BTC')).toMatchObject({ partial: true, fills: 1 });
      expect(str(b.basis.get('BTC')?.quantity)).toBe('0');
    }
    // Cash given: nothing to mark, and no books for it.
    const cash = books([convert({ from: 'USDT', fromQuantity: dec('0') })]);
    expect(cash.basis.has('USDT')).toBe(false);
    expect(cash.convertOutcomes.get('c1')?.realisedPnl).toBeNull();
  });

  it('runs in time order with the fills; at one instant, by id, a convert\'s id prefixed with "convert:"', () => {
    // The convert comes before the buy: nothing is held, so its realised P&L is unknown.
    expect(books([convert({ executedAt: minute(5) })]).convertOutcomes.get('c1')?.realisedPnl).toBeNull();
    const atOnce = (fillId: string, convertId: string) =>
      computeCostBooks([{ ...buyEth, id: fillId }], [], 'unknown', [convert({ id: convertId, executedAt: minute(10) })]).convertOutcomes.get(convertId)?.realisedPnl;
    // "b" < "convert:a": the buy runs first and the convert realises 500 (unprefixed, "a" would come first).
    expect(str(atOnce('b', 'a'))).toBe('500');
    // "convert:e" < "d": the convert runs first, from nothing (unprefixed, "d" would come first).
    expect(atOnce('d', 'e')).toBeNull();
  });

  it('a coin only ever received by convert has been traded: its realised P&L is 0, not absent', () => {
    const b = books([convert({})]);
    const v = valueAccount({ exchangeId: 'bybit', account: 'a', holdings: [{ asset: 'BTC', wallets: { UNIFIED: dec('0.025') } }], prices: new Map(), costBasis: b.basis });
    expect(v.items[0]).toMatchObject({ realisedPnl: dec('0'), avgEntryPrice: dec('60000'), avgEntryPartial: false });
  });
});

describe('transfers of unknown direction', () => {
  const undirected = (over: Partial<CostTransfer>): CostTransfer => ({
    id: 'transfer:1', executedAt: minute(15), kind: 'undirected', asset: 'ETH', quantity: dec('0.3'), usdtRate: dec('2500'), ...over,
  });

  it('change no quantity or cost, but mark the average partial', () => {
    const eth = books([], [undirected({})]).basis.get('ETH')!;
    expect([str(eth.quantity), str(eth.costedQuantity), str(eth.average), eth.partial]).toEqual(['1', '1', '2000', true]);
  });

  it('of nothing, or of cash, mark nothing', () => {
    expect(books([], [undirected({ quantity: dec('0') })]).basis.get('ETH')?.partial).toBe(false);
    expect(books([], [undirected({ asset: 'USDT' })]).basis.has('USDT')).toBe(false);
  });
});
