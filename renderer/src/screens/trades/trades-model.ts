import type { TradeRow, TradeSort, TradesListInput } from '../../../../shared/trades.js';

/** What the person chose above the table; '' is "any". */
export interface TradesFilter {
  search: string;
  /** `exchange/account`, or '' for every account. */
  account: string;
  side: '' | 'buy' | 'sell';
  category: '' | 'spot' | 'linear' | 'inverse';
  /** `YYYY-MM-DD` from a date input; the `to` day is included. */
  from: string;
  to: string;
}

export const EMPTY_FILTER: TradesFilter = { search: '', account: '', side: '', category: '', from: '', to: '' };

export interface TradesSortState {
  column: TradeSort;
  direction: 'asc' | 'desc';
}

export const DEFAULT_SORT: TradesSortState = { column: 'time', direction: 'desc' };

// Figures and times read best largest/newest first; names A to Z.
const DESCENDING_FIRST: ReadonlySet<TradeSort> = new Set(['time', 'price', 'quantity', 'fee', 'pnl']);

/** A header click: the same column turns around; another starts in its natural direction. */
export function nextSort(current: TradesSortState, column: TradeSort): TradesSortState {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: DESCENDING_FIRST.has(column) ? 'desc' : 'asc' };
}

/** Rows one request brings: a few screens, so scrolling rarely waits. */
export const PAGE_SIZE = 200;

// What a search may contain (the API refuses anything else): other characters are dropped as typed.
const SEARCH_CHARS = /[^A-Za-z0-9./:_-]/g;

/** The search box's text as the API takes it. */
export function cleanSearch(text: string): string {
  return text.replace(SEARCH_CHARS, '').slice(0, 32);
}

function accountRef(key: string): { exchangeId: string; account: string } | null {
  const i = key.indexOf('/');
  return i > 0 && i < key.length - 1 ? { exchangeId: key.slice(0, i), account: key.slice(i + 1) } : null;
}

/** The `trades:list` input for one page of the current filter and sort. */
export function toTradesInput(filter: TradesFilter, sort: TradesSortState, page: number): TradesListInput {
  return {
    account: accountRef(filter.account),
    search: cleanSearch(filter.search.trim()),
    side: filter.side === '' ? null : filter.side,
    category: filter.category === '' ? null : filter.category,
    from: filter.from === '' ? null : filter.from,
    to: filter.to === '' ? null : filter.to,
    sort: sort.column,
    dir: sort.direction,
    offset: page * PAGE_SIZE,
    limit: PAGE_SIZE,
  };
}

/** A key that changes exactly when the list must start again from the top. */
export function queryKey(filter: TradesFilter, sort: TradesSortState): string {
  const input = toTradesInput(filter, sort, 0);
  return JSON.stringify([input.account, input.search, input.side, input.category, input.from, input.to, input.sort, input.dir]);
}

/** A from date after the to date: said beside the inputs instead of asking the server. */
export function dateRangeProblem(filter: Pick<TradesFilter, 'from' | 'to'>): string | null {
  return filter.from !== '' && filter.to !== '' && filter.from > filter.to ? 'The "from" date is after the "to" date.' : null;
}

/** The pages that hold rows `start` to `end` (exclusive) and are neither loaded nor on their way. */
export function missingPages(start: number, end: number, have: ReadonlySet<number>): number[] {
  const out: number[] = [];
  if (end <= start) return out;
  for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor((end - 1) / PAGE_SIZE); p += 1) if (!have.has(p)) out.push(p);
  return out;
}

/** Row `index` of the whole list, if its page has arrived. */
export function rowAt(pages: ReadonlyMap<number, readonly TradeRow[]>, index: number): TradeRow | undefined {
  return pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
}

/** Why a realised P&L is unknown, for the hint beside its "—". */
export function pnlHint(row: Pick<TradeRow, 'category' | 'booked'>): string {
  if (row.category !== 'spot') return 'Derivative fills: realised P&L comes from the closed P&L records, not per fill';
  if (!row.booked) return 'Not worked out yet: the next sync books this fill';
  return 'Unknown: a USDT price or the cost of what was sold was missing';
}

/** The `export:csv` filter that matches the table: the same account, dates, asset, side and category. */
export function exportFilter(filter: TradesFilter): { account: string | null; from: string | null; to: string | null; trades: { search: string; side: 'buy' | 'sell' | null; category: 'spot' | 'linear' | 'inverse' | null } | null } {
  const ref = accountRef(filter.account);
  const search = cleanSearch(filter.search.trim());
  const narrowed = search !== '' || filter.side !== '' || filter.category !== '';
  return {
    account: ref === null ? null : `${ref.exchangeId}:${ref.account}`, from: filter.from || null, to: filter.to || null,
    trades: narrowed ? { search, side: filter.side || null, category: filter.category || null } : null,
  };
}
