import { describe, expect, it } from 'vitest';
import { computeCostBasis } from '../../../electron/core/portfolio/cost-basis.js';
import { dec, decOrNull, ZERO, type Dec } from '../../../electron/core/portfolio/decimal.js';
import type { AssetPrice } from '../../../electron/core/portfolio/pricing.js';
import { summarisePortfolio, toPortfolioItem, valueAccount, type Holding } from '../../../electron/core/portfolio/valuation.js';
import { fills, type FillSpec } from './fixtures.js';

function holding(asset: string, wallets: Record<string, string>): Holding {
  return { asset, wallets: Object.fromEntries(Object.entries(wallets).map(([w, q]) => [w, dec(q)])) };
}

function prices(table: Record<string, string>): Map<string, AssetPrice> {
  return new Map(Object.entries(table).map(([a, p]) => [a, { price: dec(p), change24hPct: null, sourceSymbol: `${a}/USDT` }]));
}

function value(holdings: Holding[], priceTable: Record<string, string>, specs: FillSpec[] = []) {
  const v = valueAccount({ exchangeId: 'bybit', account: 'default', holdings, prices: prices(priceTable), costBasis: computeCostBasis(fills(...specs)) });
  return { ...v, out: v.items.map((i) => toPortfolioItem(i, v.totalValue)) };
}

const buyHalfBtc: FillSpec = { side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '0.5' };

describe('valueAccount', () => {
  it('matches the DESIGN example', () => {
    const { out, totalValue } = value([holding('BTC', { UNIFIED: '0.4', FUND: '0.1' })], { BTC: '90000' }, [buyHalfBtc]);
    expect(out).toEqual([
      {
        exchangeId: 'bybit', account: 'default', asset: 'BTC', quantity: '0.5', currentPrice: '90000', value: '45000',
        avgEntryPrice: '50000', avgEntryPartial: false, profitLoss: '20000', profitLossPercentage: '80',
        change24hPct: null, allocationPct: '100', realisedPnl: '0', realisedPnlPartial: false, feesPaid: '0', feesPartial: true, wallets: { UNIFIED: '0.4', FUND: '0.1' },
      },
    ]);
    expect(totalValue.toString()).toBe('45000');
  });

  it.each([
    { name: 'holding larger than the fills explain: partial', qty: '1', want: ['50000', true, '40000', '80'] },
    { name: 'holding smaller (withdrawn): average kept, not partial', qty: '0.25', want: ['50000', false, '10000', '80'] },
    { name: 'holding equal to the fills', qty: '0.5', want: ['50000', false, '20000', '80'] },
  ])('$name', ({ qty, want }) => {
    const [item] = value([holding('BTC', { UNIFIED: qty })], { BTC: '90000' }, [buyHalfBtc]).out;
    expect([item?.avgEntryPrice, item?.avgEntryPartial, item?.profitLoss, item?.profitLossPercentage]).toEqual(want);
  });

  it('a partial basis makes the item partial', () => {
    const specs: FillSpec[] = [{ side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1', fee: '2', feeCcy: 'MNT' }];
    const [item] = value([holding('BTC', { UNIFIED: '1' })], { BTC: '40000' }, specs).out;
    expect([item?.avgEntryPrice, item?.avgEntryPartial, item?.profitLoss, item?.profitLossPercentage]).toEqual(['50000', true, '-10000', '-20']);
  });

  it('no fills: average and P&L unknown, not partial', () => {
    const [item] = value([holding('SOL', { FUND: '3' })], { SOL: '150' }).out;
    expect(item).toMatchObject({ value: '450', avgEntryPrice: null, avgEntryPartial: false, profitLoss: null, profitLossPercentage: null });
  });

  it('a basis sold to zero explains nothing', () => {
    const specs: FillSpec[] = [buyHalfBtc, { side: 'sell', symbol: 'BTC/USDT', price: '60000', qty: '0.5' }];
    const [item] = value([holding('BTC', { FUND: '0.1' })], { BTC: '90000' }, specs).out;
    expect(item).toMatchObject({ avgEntryPrice: null, avgEntryPartial: false, profitLoss: null });
  });

  it('unpriced assets: null value, excluded from the total, counted, listed last', () => {
    const v = value([holding('FOO', { UNIFIED: '1000' }), holding('BTC', { UNIFIED: '0.5' })], { BTC: '90000' }, [
      { side: 'buy', symbol: 'FOO/USDT', price: '2', qty: '1000' },
    ]);
    expect(v.totalValue.toString()).toBe('45000');
    expect(v.unpricedAssets).toBe(1);
    expect(v.out.map((i) => i.asset)).toEqual(['BTC', 'FOO']);
    expect(v.out[1]).toMatchObject({ currentPrice: null, value: null, avgEntryPrice: '2', profitLoss: null, profitLossPercentage: null, allocationPct: null });
  });

  it('records where each price came from and counts every unpriced item', () => {
    const v = value([holding('FOO', { UNIFIED: '1' }), holding('BTC', { UNIFIED: '0.5' }), holding('ETH', { FUND: '1' })], { BTC: '90000', ETH: '3000' });
    expect(v.items.map((i) => [i.asset, i.priceSource])).toEqual([['BTC', 'BTC/USDT'], ['ETH', 'ETH/USDT'], ['FOO', null]]);
    expect(v.unpricedAssets).toBe(1);
    expect(v.totalValue.toString()).toBe('48000');
  });

  it('a basis that cost nothing (a rebate as large as the price): P&L known, percentage unknown', () => {
    const specs: FillSpec[] = [{ side: 'buy', symbol: 'XYZ/USDT', price: '1', qty: '1', fee: '-1', feeCcy: 'USDT' }];
    const [item] = value([holding('XYZ', { UNIFIED: '1' })], { XYZ: '2' }, specs).out;
    expect([item?.avgEntryPrice, item?.profitLoss, item?.profitLossPercentage]).toEqual(['0', '2', null]);
  });

  it('cash assets: valued, no entry price or P&L', () => {
    const { out } = value([holding('USDT', { UNIFIED: '100.5' }), holding('USDC', { FUND: '50' })], { USDT: '1', USDC: '0.9998' }, [
      { side: 'buy', symbol: 'USDC/USDT', price: '0.9998', qty: '50' },
    ]);
    expect(out.map((i) => [i.asset, i.value, i.avgEntryPrice, i.avgEntryPartial, i.profitLoss])).toEqual([
      ['USDT', '100.5', null, false, null],
      ['USDC', '49.99', null, false, null],
    ]);
  });

  it('drops zero holdings and zero wallets, sums the rest', () => {
    const { out } = value([holding('BTC', { UNIFIED: '0', FUND: '0.00000001' }), holding('ETH', { UNIFIED: '0', FUND: '0' }), holding('BTC', { SPOT: '0.00000002' })], {
      BTC: '90000',
    });
    expect(out.map((i) => [i.asset, i.quantity, i.value, i.wallets])).toEqual([['BTC', '0.00000003', '0.0027', { FUND: '0.00000001', SPOT: '0.00000002' }]]);
  });

  it('keeps division results at 40 significant digits, nothing else rounded', () => {
    const specs: FillSpec[] = [{ side: 'buy', symbol: 'XRP/USDT', price: '1', qty: '3', fee: '1', feeCcy: 'USDT' }];
    const [item] = value([holding('XRP', { UNIFIED: '3' })], { XRP: '2.123456789012345678' }, specs).out;
    expect(item?.avgEntryPrice).toBe(`1.${'3'.repeat(39)}`);
    expect(item?.value).toBe('6.370370367037037034');
    expect(item?.profitLoss).toBe('2.370370367037037034');
    expect(item?.profitLossPercentage).toBe('59.25925917592592585');
  });
});

describe('summarisePortfolio', () => {
  const item = (account: string, asset: string, v: string | null) => ({
    exchangeId: 'bybit', account, asset, quantity: dec('1'), currentPrice: decOrNull(v), value: decOrNull(v), avgEntryPrice: null,
    avgEntryPartial: false, profitLoss: null, profitLossPercentage: null, change24hPct: null, priceSource: null, wallets: { UNIFIED: dec('1') } as Record<string, Dec>,
    realisedPnl: null, realisedPnlPartial: false, feesPaid: null, feesPartial: false,
  });

  it('sorts by value, unpriced last, allocation over all accounts', () => {
    const p = summarisePortfolio([item('a', 'ETH', '30'), item('b', 'FOO', null), item('b', 'BTC', '50'), item('a', 'SOL', '20')], new Date('2026-11-21T10:00:00Z'));
    expect(p).toMatchObject({ asOf: '2026-11-21T10:00:00.000Z', quote: 'USDT', totalValue: '100', unpricedAssets: 1 });
    expect(p.items.map((i) => [i.account, i.asset, i.allocationPct])).toEqual([['b', 'BTC', '50'], ['a', 'ETH', '30'], ['a', 'SOL', '20'], ['b', 'FOO', null]]);
  });

  it('equal values are ordered by exchange, account, then asset; so are unpriced items', () => {
    const at = (exchangeId: string, account: string, asset: string, v: string | null) => ({ ...item(account, asset, v), exchangeId });
    const p = summarisePortfolio([
      at('okx', 'a', 'BTC', '10'), at('bybit', 'b', 'BTC', '10'), at('bybit', 'a', 'ETH', '10'), at('bybit', 'a', 'BTC', '10'),
      at('bybit', 'b', 'FOO', null), at('bybit', 'a', 'ZED', null), at('bybit', 'a', 'BAR', null), at('bybit', 'a', 'SOL', '11'),
    ], null);
    expect(p.items.map((i) => `${i.exchangeId}/${i.account}/${i.asset}`)).toEqual([
      'bybit/a/SOL', 'bybit/a/BTC', 'bybit/a/ETH', 'bybit/b/BTC', 'okx/a/BTC', 'bybit/a/BAR', 'bybit/a/ZED', 'bybit/b/FOO',
    ]);
    // Whatever order they come in.
    const reversed = summarisePortfolio([...p.items].reverse().map((i) => at(i.exchangeId, i.account, i.asset, i.value)), null);
    expect(reversed.items.map((i) => i.asset)).toEqual(p.items.map((i) => i.asset));
  });

  it('allocations of thirds sum to 100 within the division precision; total exact', () => {
    const p = summarisePortfolio([item('a', 'X', '0.1'), item('a', 'Y', '0.1'), item('a', 'Z', '0.1')], null);
    expect(p.asOf).toBeNull();
    expect(p.totalValue).toBe('0.3');
    expect(p.items[0]?.allocationPct).toBe(`33.${'3'.repeat(38)}`);
    const sum = p.items.reduce((s, i) => s.plus(dec(i.allocationPct ?? '0')), ZERO);
    expect(sum.minus(100).abs().lt(dec('1e-36'))).toBe(true);
  });

  it('an empty or all-unpriced portfolio totals 0 with no allocations', () => {
    expect(summarisePortfolio([], null)).toEqual({ asOf: null, quote: 'USDT', rates: {}, totalValue: '0', walletValue: '0', unrealisedPnl: '0', unpricedAssets: 0, trading: null, items: [] });
    expect(summarisePortfolio([item('a', 'FOO', null)], null).items[0]?.allocationPct).toBeNull();
  });
});

describe('fills → prices → valuation → portfolio', () => {
  it('values a small account end to end', async () => {
    const { resolveUsdtPrices } = await import('../../../electron/core/portfolio/pricing.js');
    const tickers = [
      { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', last: dec('60000'), change24hPct: dec('1') },
      { symbol: 'ETH/BTC', base: 'ETH', quote: 'BTC', last: dec('0.06'), change24hPct: dec('0') },
    ];
    const holdings = [holding('BTC', { UNIFIED: '0.5' }), holding('ETH', { UNIFIED: '10' }), holding('USDT', { FUND: '400' }), holding('DOGE', { FUND: '5' })];
    const costBasis = computeCostBasis(
      fills(
        { side: 'buy', symbol: 'BTC/USDT', price: '50000', qty: '1' },
        { side: 'buy', symbol: 'ETH/BTC', price: '0.05', qty: '10', rate: '50000' },
      ),
    );
    const prices = resolveUsdtPrices(tickers, holdings.map((h) => h.asset));
    const v = valueAccount({ exchangeId: 'bybit', account: 'main', holdings, prices, costBasis });
    const p = summarisePortfolio(v.items, new Date('2026-01-01T00:00:00Z'));
    expect(p.totalValue).toBe('66400');
    expect(p.unpricedAssets).toBe(1);
    expect(p.items.map((i) => [i.asset, i.value, i.avgEntryPrice, i.avgEntryPartial, i.profitLoss, i.profitLossPercentage, i.change24hPct])).toEqual([
      ['ETH', '36000', '2500', false, '11000', '44', '1'],
      ['BTC', '30000', '50000', false, '5000', '20', '1'],
      ['USDT', '400', null, false, null, null, '0'],
      ['DOGE', null, null, false, null, null, null],
    ]);
  });
});
