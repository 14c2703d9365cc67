import type { PortfolioItem } from '../../../../shared/domain.js';
import { sortWallets, walletName } from '../../../../shared/format/wallet-names.js';
import { compareDecimals, Dec, toDec } from '../../format/decimal.js';

/** Pure portfolio logic: sorting, the dust filter, the 24 h change and allocation slices. */

export type SortColumn = 'asset' | 'account' | 'wallets' | 'quantity' | 'price' | 'change24h' | 'value' | 'allocation' | 'avgEntry' | 'invested' | 'pnl' | 'pnlPct' | 'realised' | 'fees';
export interface SortState {
  column: SortColumn;
  direction: 'asc' | 'desc';
}

export const DEFAULT_SORT: SortState = { column: 'value', direction: 'desc' };

const TEXT_COLUMNS: ReadonlySet<SortColumn> = new Set(['asset', 'account', 'wallets']);

const numericField: Record<Exclude<SortColumn, 'asset' | 'account' | 'wallets'>, (i: PortfolioItem) => string | null> = {
  quantity: (i) => i.quantity,
  price: (i) => i.currentPrice,
  change24h: (i) => i.change24hPct,
  value: (i) => i.value,
  allocation: (i) => i.allocationPct,
  avgEntry: (i) => i.avgEntryPrice,
  pnl: (i) => i.profitLoss,
  pnlPct: (i) => i.profitLossPercentage,
  invested: (i) => toDec(i.avgEntryPrice)?.times(i.quantity).toFixed() ?? null,
  realised: (i) => i.realisedPnl,
  fees: (i) => i.feesPaid,
};

const walletsText = (i: PortfolioItem) => Object.keys(i.wallets).map(walletName).sort().join(', ');

/** Clicking the sorted column flips it; a new column starts high-to-low for figures, A–Z for names. */
export function nextSort(current: SortState, column: SortColumn): SortState {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: TEXT_COLUMNS.has(column) ? 'asc' : 'desc' };
}

function accountLabel(i: PortfolioItem): string {
  return `${i.exchangeId}/${i.account}`;
}

/**
 * A new array in the requested order. Figures compare exactly as decimals (each parsed
 * once, not per comparison); unknown figures go last either way; ties fall back to
 * asset then account so the order is stable across refreshes.
 */
export function sortItems(items: readonly PortfolioItem[], sort: SortState): PortfolioItem[] {
  const dir = sort.direction === 'asc' ? 1 : -1;
  const tieBreak = (a: PortfolioItem, b: PortfolioItem) => a.asset.localeCompare(b.asset) || accountLabel(a).localeCompare(accountLabel(b));
  if (sort.column === 'asset' || sort.column === 'account' || sort.column === 'wallets') {
    const key = sort.column === 'asset' ? (i: PortfolioItem) => i.asset : sort.column === 'wallets' ? walletsText : accountLabel;
    return [...items].sort((a, b) => key(a).localeCompare(key(b)) * dir || tieBreak(a, b));
  }
  const field = numericField[sort.column];
  const keyed = items.map((item) => ({ item, key: toDec(field(item)) }));
  keyed.sort((a, b) => compareDecimals(a.key, b.key, dir) || tieBreak(a.item, b.item));
  return keyed.map((k) => k.item);
}

/** Below this value (in the quote currency) a holding counts as dust. */
export const DUST_THRESHOLD = '1';

/** A priced holding worth less than 1 USDT. An unpriced one is never dust: its worth is unknown. */
export function isDust(item: PortfolioItem, threshold = DUST_THRESHOLD): boolean {
  const v = toDec(item.value);
  return v !== null && v.abs().lt(threshold);
}

export function filterDust(items: readonly PortfolioItem[], hide: boolean): readonly PortfolioItem[] {
  return hide ? items.filter((i) => !isDust(i)) : items;
}

export interface Change24h {
  /** Change in value over 24 h of the holdings that have a 24 h price change, or null when none has. */
  change: string | null;
  pct: string | null;
  /** How many holdings the figure covers, of how many priced ones. */
  covered: number;
  priced: number;
}

/**
 * The 24 h change of today's holdings at yesterday's prices: each value was
 * value / (1 + pct/100) a day ago. Exact decimals throughout.
 */
export function change24h(items: readonly PortfolioItem[]): Change24h {
  let change = new Dec(0);
  let before = new Dec(0);
  let covered = 0;
  let priced = 0;
  for (const i of items) {
    const value = toDec(i.value);
    if (value === null) continue;
    priced += 1;
    const pct = toDec(i.change24hPct);
    if (pct === null) continue;
    const factor = pct.dividedBy(100).plus(1);
    if (factor.lte(0)) continue;
    const prev = value.dividedBy(factor);
    change = change.plus(value.minus(prev));
    before = before.plus(prev);
    covered += 1;
  }
  if (covered === 0) return { change: null, pct: null, covered, priced };
  const pct = before.isZero() ? null : change.dividedBy(before).times(100).toDecimalPlaces(6).toFixed();
  return { change: change.toDecimalPlaces(8).toFixed(), pct, covered, priced };
}

export interface AllocationSlice {
  asset: string;
  value: string;
  /** Share of the total in percent (decimal string). */
  pct: string;
}

/** The chart's slices, and what "Other" holds so it can be listed rather than left a mystery. */
export interface AllocationBreakdown {
  slices: AllocationSlice[];
  /** The assets summed into the "Other" slice, largest first; empty when there is none. */
  other: AllocationSlice[];
}

/**
 * Holdings grouped by asset across accounts, largest first; past `maxSlices − 1` the
 * rest becomes one "Other" slice so the chart stays readable with 2,000 assets.
 */
export function allocationBreakdown(items: readonly PortfolioItem[], maxSlices = 8): AllocationBreakdown {
  const slices = allocationSlices(items, maxSlices);
  const all = allocationSlices(items, Number.MAX_SAFE_INTEGER);
  return { slices, other: all.length > maxSlices ? all.slice(maxSlices - 1) : [] };
}

export function allocationSlices(items: readonly PortfolioItem[], maxSlices = 8): AllocationSlice[] {
  const byAsset = new Map<string, { value: Dec; pct: Dec }>();
  for (const i of items) {
    const value = toDec(i.value);
    const pct = toDec(i.allocationPct);
    if (value === null || pct === null || value.lte(0)) continue;
    const prev = byAsset.get(i.asset);
    byAsset.set(i.asset, prev ? { value: prev.value.plus(value), pct: prev.pct.plus(pct) } : { value, pct });
  }
  const sorted = [...byAsset].sort((a, b) => b[1].value.cmp(a[1].value) || a[0].localeCompare(b[0]));
  const slices = sorted.length <= maxSlices ? sorted : sorted.slice(0, maxSlices - 1);
  const rest = sorted.length <= maxSlices ? [] : sorted.slice(maxSlices - 1);
  const out = slices.map(([asset, s]) => ({ asset, value: s.value.toFixed(), pct: s.pct.toFixed() }));
  if (rest.length) {
    const value = rest.reduce((sum, [, s]) => sum.plus(s.value), new Dec(0));
    const pct = rest.reduce((sum, [, s]) => sum.plus(s.pct), new Dec(0));
    out.push({ asset: `Other (${rest.length})`, value: value.toFixed(), pct: pct.toFixed() });
  }
  return out;
}

/** "UNIFIED 0.4 · FUND 0.1": where a holding sits, for the quantity's tooltip. */
export function walletBreakdown(item: PortfolioItem, formatQuantity: (q: string) => string): string {
  const entries = sortWallets(Object.keys(item.wallets)).map((w) => [w, item.wallets[w]!] as const);
  if (entries.length === 0) return 'No wallet breakdown';
  return entries.map(([wallet, q]) => `${walletName(wallet)} ${formatQuantity(q)}`).join(' · ');
}
