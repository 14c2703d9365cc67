import { describe, expect, it } from 'vitest';
import { tradesListInput } from '../../../shared/trades.js';
import {
  cleanSearch, dateRangeProblem, DEFAULT_SORT, EMPTY_FILTER, exportFilter, missingPages, nextSort, PAGE_SIZE, pnlHint, queryKey, rowAt, toTradesInput,
} from '../../../renderer/src/screens/trades/trades-model.js';
import type { TradeRow } from '../../../shared/trades.js';

describe('trades screen model', () => {
  it('turns a header click into the next sort: same column flips, figures start descending, names ascending', () => {
    expect(DEFAULT_SORT).toEqual({ column: 'time', direction: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'time')).toEqual({ column: 'time', direction: 'asc' });
    expect(nextSort({ column: 'time', direction: 'asc' }, 'time')).toEqual({ column: 'time', direction: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'pair')).toEqual({ column: 'pair', direction: 'asc' });
    expect(nextSort(DEFAULT_SORT, 'price')).toEqual({ column: 'price', direction: 'desc' });
    expect(nextSort({ column: 'price', direction: 'desc' }, 'account')).toEqual({ column: 'account', direction: 'asc' });
  });

  it('maps the filter to a trades:list input the API accepts, blanks as "any"', () => {
    const input = toTradesInput({ search: ' btc ', account: 'bybit/main', side: 'sell', category: 'spot', from: '2026-01-01', to: '2026-01-31' }, { column: 'fee', direction: 'asc' }, 3);
    expect(input).toEqual({
      account: { exchangeId: 'bybit', account: 'main' }, search: 'btc', side: 'sell', category: 'spot', from: '2026-01-01', to: '2026-01-31',
      sort: 'fee', dir: 'asc', offset: 3 * PAGE_SIZE, limit: PAGE_SIZE,
    });
    expect(tradesListInput.parse(input)).toEqual(input);
    const empty = toTradesInput(EMPTY_FILTER, DEFAULT_SORT, 0);
    expect(empty).toMatchObject({ account: null, search: '', side: null, category: null, from: null, to: null, offset: 0 });
    expect(tradesListInput.parse(empty)).toEqual(empty);
    // A malformed account key is every account, not a broken request.
    expect(toTradesInput({ ...EMPTY_FILTER, account: 'bybit/' }, DEFAULT_SORT, 0).account).toBeNull();
  });

  it('keeps only what a search may hold, so typing never produces a refused request', () => {
    expect(cleanSearch("eth'; drop")).toBe('ethdrop');
    expect(cleanSearch('ETH/USDT')).toBe('ETH/USDT');
    expect(cleanSearch('x'.repeat(40))).toHaveLength(32);
    expect(tradesListInput.safeParse({ search: cleanSearch('b t c %') }).success).toBe(true);
  });

  it('starts the list over exactly when the query changes, not when the page does', () => {
    const a = queryKey(EMPTY_FILTER, DEFAULT_SORT);
    expect(queryKey({ ...EMPTY_FILTER }, { ...DEFAULT_SORT })).toBe(a);
    expect(queryKey({ ...EMPTY_FILTER, search: 'btc' }, DEFAULT_SORT)).not.toBe(a);
    expect(queryKey(EMPTY_FILTER, nextSort(DEFAULT_SORT, 'time'))).not.toBe(a);
    expect(queryKey({ ...EMPTY_FILTER, to: '2026-01-01' }, DEFAULT_SORT)).not.toBe(a);
    // Surrounding spaces ask for the same thing.
    expect(queryKey({ ...EMPTY_FILTER, search: ' btc' }, DEFAULT_SORT)).toBe(queryKey({ ...EMPTY_FILTER, search: 'btc' }, DEFAULT_SORT));
  });

  it('finds the pages a window of rows needs, skipping those loaded or on their way', () => {
    expect(missingPages(0, 40, new Set())).toEqual([0]);
    expect(missingPages(PAGE_SIZE - 10, PAGE_SIZE + 10, new Set([0]))).toEqual([1]);
    expect(missingPages(PAGE_SIZE - 10, PAGE_SIZE, new Set([0]))).toEqual([]);
    expect(missingPages(10, 3 * PAGE_SIZE + 1, new Set([1]))).toEqual([0, 2, 3]);
    expect(missingPages(5, 5, new Set())).toEqual([]);
    const row = { id: 'x' } as TradeRow;
    const pages = new Map([[1, [row]]]);
    expect(rowAt(pages, PAGE_SIZE)).toBe(row);
    expect(rowAt(pages, 0)).toBeUndefined();
    expect(rowAt(pages, PAGE_SIZE + 1)).toBeUndefined();
  });

  it('says why a realised P&L is unknown', () => {
    expect(pnlHint({ category: 'linear', booked: false })).toMatch(/closed P&L/);
    expect(pnlHint({ category: 'spot', booked: false })).toMatch(/next sync/);
    expect(pnlHint({ category: 'spot', booked: true })).toMatch(/price or the cost/);
  });

  it('flags a backwards date range and exports exactly the filter shown', () => {
    expect(dateRangeProblem({ from: '2026-02-01', to: '2026-01-01' })).toMatch(/after/);
    expect(dateRangeProblem({ from: '2026-01-01', to: '2026-01-01' })).toBeNull();
    expect(dateRangeProblem({ from: '', to: '2026-01-01' })).toBeNull();
    expect(exportFilter({ ...EMPTY_FILTER, account: 'bybit/main', from: '2026-01-01' })).toEqual({ account: 'bybit:main', from: '2026-01-01', to: null, trades: null });
    expect(exportFilter(EMPTY_FILTER)).toEqual({ account: null, from: null, to: null, trades: null });
    expect(exportFilter({ ...EMPTY_FILTER, search: ' eth ', side: 'sell' })).toEqual({ account: null, from: null, to: null, trades: { search: 'eth', side: 'sell', category: null } });
    expect(exportFilter({ ...EMPTY_FILTER, category: 'linear' }).trades).toEqual({ search: '', side: null, category: 'linear' });
  });
});
