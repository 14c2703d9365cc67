import { describe, expect, it } from 'vitest';
import {
  allocationSlices, change24h, DEFAULT_SORT, filterDust, isDust, nextSort, sortItems, walletBreakdown,
} from '../../../renderer/src/screens/portfolio/portfolio-model.js';
import { item } from './fixtures.js';

const assets = (xs: readonly { asset: string }[]) => xs.map((x) => x.asset);

describe('portfolio sorting', () => {
  it('sorts by value, high to low, by default; exactly, not as floats', () => {
    const items = [
      item({ asset: 'A', value: '9007199254740993' }),
      item({ asset: 'B', value: '9007199254740992' }),
      item({ asset: 'C', value: '10' }),
    ];
    // As Numbers, A and B are equal and would keep input order; as decimals A is larger.
    expect(assets(sortItems([items[1]!, items[0]!, items[2]!], DEFAULT_SORT))).toEqual(['A', 'B', 'C']);
  });

  it('puts unknown figures last in both directions', () => {
    const items = [item({ asset: 'X', value: null }), item({ asset: 'Y', value: '5' }), item({ asset: 'Z', value: '50' })];
    expect(assets(sortItems(items, { column: 'value', direction: 'desc' }))).toEqual(['Z', 'Y', 'X']);
    expect(assets(sortItems(items, { column: 'value', direction: 'asc' }))).toEqual(['Y', 'Z', 'X']);
  });

  it('sorts names A–Z and breaks ties by asset then account', () => {
    const items = [item({ asset: 'ETH', account: 'b' }), item({ asset: 'BTC' }), item({ asset: 'ETH', account: 'a' })];
    expect(sortItems(items, { column: 'asset', direction: 'asc' }).map((i) => `${i.asset}/${i.account}`)).toEqual(['BTC/default', 'ETH/a', 'ETH/b']);
    const equal = [item({ asset: 'B', profitLossPercentage: '1' }), item({ asset: 'A', profitLossPercentage: '1' })];
    expect(assets(sortItems(equal, { column: 'pnlPct', direction: 'desc' }))).toEqual(['A', 'B']);
  });

  it('sorts negative figures correctly (P&L)', () => {
    const items = [item({ asset: 'L', profitLoss: '-100' }), item({ asset: 'S', profitLoss: '-2' }), item({ asset: 'G', profitLoss: '3' })];
    expect(assets(sortItems(items, { column: 'pnl', direction: 'desc' }))).toEqual(['G', 'S', 'L']);
  });

  it('does not change the input array', () => {
    const items = [item({ asset: 'B', value: '1' }), item({ asset: 'A', value: '2' })];
    sortItems(items, DEFAULT_SORT);
    expect(assets(items)).toEqual(['B', 'A']);
  });

  it('flips the sorted column; a new one starts descending for figures, ascending for names', () => {
    expect(nextSort(DEFAULT_SORT, 'value')).toEqual({ column: 'value', direction: 'asc' });
    expect(nextSort(DEFAULT_SORT, 'pnl')).toEqual({ column: 'pnl', direction: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'asset')).toEqual({ column: 'asset', direction: 'asc' });
  });

  it('orders 2,000 rows of mixed magnitudes', () => {
    const many = Array.from({ length: 2000 }, (_, i) => item({ asset: `A${i}`, value: i % 10 === 0 ? null : `${(i * 7919) % 2000}.${String(i % 100).padStart(2, '0')}` }));
    const sorted = sortItems(many, DEFAULT_SORT);
    const known = sorted.filter((i) => i.value !== null).map((i) => Number(i.value));
    expect(known.every((v, k) => k === 0 || v <= known[k - 1]!)).toBe(true);
    expect(sorted.slice(-200).every((i) => i.value === null)).toBe(true);
  });
});

describe('dust filter', () => {
  it('hides priced holdings under 1 USDT, keeps unpriced ones (their worth is unknown)', () => {
    const items = [item({ asset: 'DUST', value: '0.99' }), item({ asset: 'ONE', value: '1' }), item({ asset: 'UNP', value: null, currentPrice: null })];
    expect(isDust(items[0]!)).toBe(true);
    expect(isDust(items[1]!)).toBe(false);
    expect(isDust(items[2]!)).toBe(false);
    expect(assets(filterDust(items, true))).toEqual(['ONE', 'UNP']);
    expect(filterDust(items, false)).toBe(items);
  });
});

describe('24 h change', () => {
  it('is the change of today’s holdings at yesterday’s prices, exactly', () => {
    const items = [
      item({ asset: 'BTC', value: '110', change24hPct: '10' }), // was 100
      item({ asset: 'ETH', value: '90', change24hPct: '-10' }), // was 100
      item({ asset: 'NEW', value: '50', change24hPct: null }),
      item({ asset: 'UNP', value: null }),
    ];
    const c = change24h(items);
    expect(c.change).toBe('0');
    expect(c.covered).toBe(2);
    expect(c.priced).toBe(3);
    expect(change24h([item({ asset: 'BTC', value: '110', change24hPct: '10' })])).toMatchObject({ change: '10', pct: '10' });
  });

  it('is unknown without any 24 h price', () => {
    expect(change24h([item({ asset: 'A', value: '5' })])).toEqual({ change: null, pct: null, covered: 0, priced: 1 });
  });

  it('skips a -100 % change instead of dividing by zero', () => {
    expect(change24h([item({ asset: 'RUG', value: '0', change24hPct: '-100' })]).change).toBeNull();
  });
});

describe('allocation slices', () => {
  it('groups an asset across accounts and folds the tail into "Other"', () => {
    const items = [
      item({ asset: 'BTC', value: '50', allocationPct: '50' }),
      item({ asset: 'BTC', account: 'b', value: '10', allocationPct: '10' }),
      ...['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((a, i) => item({ asset: a, value: String(8 - i), allocationPct: String(8 - i) })),
      item({ asset: 'UNP', value: null, allocationPct: null }),
    ];
    const slices = allocationSlices(items, 4);
    expect(slices.map((s) => s.asset)).toEqual(['BTC', 'A', 'B', 'Other (6)']);
    expect(slices[0]).toEqual({ asset: 'BTC', value: '60', pct: '60' });
    expect(slices[3]).toMatchObject({ value: '21', pct: '21' });
  });

  it('has no "Other" when everything fits', () => {
    expect(allocationSlices([item({ asset: 'A', value: '1', allocationPct: '100' })]).map((s) => s.asset)).toEqual(['A']);
  });
});

describe('wallet breakdown', () => {
  it('lists each wallet with its quantity', () => {
    expect(walletBreakdown(item({ asset: 'BTC', wallets: { UNIFIED: '0.4', FUND: '0.1' } }), (q) => q)).toBe('Unified trading 0.4 · Funding 0.1');
    expect(walletBreakdown(item({ asset: 'BTC', wallets: { EARN_ONCHAIN: '1', FUND: '0.1', UNIFIED: '0.4' } }), (q) => q)).toBe('Unified trading 0.4 · Funding 0.1 · Earn on-chain 1');
    expect(walletBreakdown(item({ asset: 'BTC', wallets: {} }), (q) => q)).toBe('No wallet breakdown');
  });
});
