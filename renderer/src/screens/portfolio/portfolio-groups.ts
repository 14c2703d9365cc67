import type { PortfolioItem } from '../../../../shared/domain.js';
import { walletName } from '../../../../shared/format/wallet-names.js';
import { Dec, toDec } from '../../format/decimal.js';
import { change24h, sortItems, type SortState } from './portfolio-model.js';

/** Search, grouping and subtotals of the holdings table: pure, exact decimals throughout. */

export type GroupBy = 'none' | 'asset' | 'account';

/** Coins the core counts at par with USDT: they carry no cost basis. */
const CASH: ReadonlySet<string> = new Set(['USDT', 'USDC', 'USD', 'FDUSD', 'DAI']);

export const accountLabel = (i: PortfolioItem) => `${i.exchangeId}/${i.account}`;

/**
 * Whether a holding matches what was typed: every word must be found (any case) in its
 * asset, its exchange/account or one of its wallets' names, so "btc earn" finds BTC held
 * in Earn.
 */
export function matchesQuery(item: PortfolioItem, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [item.asset, accountLabel(item), ...Object.keys(item.wallets).map(walletName)].join(' ').toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** Cost of the holding at its average entry (average × quantity); null when the average is unknown. */
export function investedOf(item: PortfolioItem): string | null {
  const avg = toDec(item.avgEntryPrice);
  return avg === null ? null : avg.times(item.quantity).toFixed();
}

/** A holding as a table row: the account column reads "3 accounts" for an asset summed across them. */
export interface HoldingRow {
  key: string;
  item: PortfolioItem;
  accountText: string;
  invested: string | null;
}

export interface Subtotal {
  value: string | null;
  allocationPct: string | null;
  invested: string | null;
  investedPartial: boolean;
  profitLoss: string | null;
  realisedPnl: string | null;
  realisedPartial: boolean;
  feesPaid: string | null;
  feesPartial: boolean;
}

export type TableRow = { kind: 'holding'; row: HoldingRow } | { kind: 'group'; key: string; label: string; count: number; subtotal: Subtotal };

function sum(values: ReadonlyArray<string | null>): Dec | null {
  let total: Dec | null = null;
  for (const v of values) {
    const d = toDec(v);
    if (d !== null) total = (total ?? new Dec(0)).plus(d);
  }
  return total;
}
const str = (d: Dec | null) => (d === null ? null : d.toFixed());

/** The sums of a set of holdings; a figure unknown for some of them is the known part, marked partial. */
export function subtotalOf(items: readonly PortfolioItem[]): Subtotal {
  const invested = items.map(investedOf);
  return {
    value: str(sum(items.map((i) => i.value))),
    allocationPct: str(sum(items.map((i) => i.allocationPct))),
    invested: str(sum(invested)),
    // Cash has no cost to know; any other holding without an average leaves the sum partial.
    investedPartial: items.some((i, k) => i.avgEntryPartial || (invested[k] === null && !CASH.has(i.asset))),
    profitLoss: str(sum(items.map((i) => i.profitLoss))),
    realisedPnl: str(sum(items.map((i) => i.realisedPnl))),
    realisedPartial: items.some((i) => i.realisedPnlPartial),
    feesPaid: str(sum(items.map((i) => i.feesPaid))),
    feesPartial: items.some((i) => i.feesPartial),
  };
}

/**
 * One holding per asset, summed across accounts: quantities, values, P&L, fees and
 * wallets add up exactly; the price is value ÷ priced quantity, the average entry is
 * invested ÷ quantity (partial when some account's average is unknown or partial), the
 * 24 h change is that of the summed value.
 */
export function mergeByAsset(items: readonly PortfolioItem[]): PortfolioItem[] {
  const byAsset = new Map<string, PortfolioItem[]>();
  for (const i of items) byAsset.set(i.asset, [...(byAsset.get(i.asset) ?? []), i]);
  return [...byAsset.values()].map((group) => (group.length === 1 ? group[0]! : mergeOne(group)));
}

function mergeOne(group: readonly PortfolioItem[]): PortfolioItem {
  const first = group[0]!;
  const quantity = group.reduce((s, i) => s.plus(i.quantity), new Dec(0));
  const priced = group.filter((i) => i.value !== null && i.currentPrice !== null);
  const value = sum(priced.map((i) => i.value));
  const pricedQty = priced.reduce((s, i) => s.plus(i.quantity), new Dec(0));
  const withAvg = group.filter((i) => i.avgEntryPrice !== null);
  const invested = sum(withAvg.map(investedOf));
  const avgQty = withAvg.reduce((s, i) => s.plus(i.quantity), new Dec(0));
  const profitLoss = sum(group.map((i) => i.profitLoss));
  const wallets: Record<string, Dec> = {};
  for (const i of group) for (const [w, q] of Object.entries(i.wallets)) wallets[w] = (wallets[w] ?? new Dec(0)).plus(q);
  const sub = subtotalOf(group);
  return {
    ...first,
    quantity: quantity.toFixed(),
    currentPrice: value === null || pricedQty.isZero() ? null : value.dividedBy(pricedQty).toFixed(),
    value: str(value),
    avgEntryPrice: invested === null || avgQty.isZero() ? null : invested.dividedBy(avgQty).toFixed(),
    avgEntryPartial: withAvg.length > 0 && (withAvg.length < group.length || group.some((i) => i.avgEntryPartial)),
    profitLoss: str(profitLoss),
    profitLossPercentage: profitLoss === null || invested === null || invested.isZero() ? null : profitLoss.dividedBy(invested).times(100).toFixed(),
    change24hPct: change24h(group).pct,
    allocationPct: sub.allocationPct,
    realisedPnl: sub.realisedPnl,
    realisedPnlPartial: sub.realisedPartial,
    feesPaid: sub.feesPaid,
    feesPartial: sub.feesPartial,
    wallets: Object.fromEntries(Object.entries(wallets).map(([w, q]) => [w, q.toFixed()])),
  };
}

const holding = (item: PortfolioItem, accountText: string): TableRow => ({
  kind: 'holding', row: { key: `${accountLabel(item)}/${item.asset}`, item, accountText, invested: investedOf(item) },
});

/**
 * The rows of the table for a grouping: every holding; one per asset (summed across
 * accounts); or each account's holdings under a header row with its subtotal, accounts
 * largest first.
 */
export function buildRows(items: readonly PortfolioItem[], groupBy: GroupBy, sort: SortState): TableRow[] {
  if (groupBy === 'none') return sortItems(items, sort).map((i) => holding(i, accountLabel(i)));
  if (groupBy === 'asset') {
    const accounts = new Map<string, Set<string>>();
    for (const i of items) accounts.set(i.asset, (accounts.get(i.asset) ?? new Set()).add(accountLabel(i)));
    return sortItems(mergeByAsset(items), sort).map((i) => {
      const n = accounts.get(i.asset)?.size ?? 1;
      return { kind: 'holding', row: { key: `asset/${i.asset}`, item: i, accountText: n === 1 ? accountLabel(i) : `${n} accounts`, invested: investedOf(i) } };
    });
  }
  const byAccount = new Map<string, PortfolioItem[]>();
  for (const i of items) byAccount.set(accountLabel(i), [...(byAccount.get(accountLabel(i)) ?? []), i]);
  const groups = [...byAccount].map(([label, group]) => ({ label, group, subtotal: subtotalOf(group) }));
  groups.sort((a, b) => (toDec(b.subtotal.value) ?? new Dec(0)).cmp(toDec(a.subtotal.value) ?? new Dec(0)) || a.label.localeCompare(b.label));
  return groups.flatMap(({ label, group, subtotal }): TableRow[] => [
    { kind: 'group', key: `group/${label}`, label, count: group.length, subtotal },
    ...sortItems(group, sort).map((i) => holding(i, label)),
  ]);
}

/** What each wallet holds in value (quantity × the asset's price), largest first; unpriced holdings are counted apart. */
export function valueByWallet(items: readonly PortfolioItem[]): { wallets: Array<{ wallet: string; name: string; value: string }>; unpriced: number } {
  const totals = new Map<string, Dec>();
  let unpriced = 0;
  for (const i of items) {
    const price = toDec(i.currentPrice);
    if (price === null) {
      unpriced += 1;
      continue;
    }
    for (const [w, q] of Object.entries(i.wallets)) totals.set(w, (totals.get(w) ?? new Dec(0)).plus(price.times(q)));
  }
  const wallets = [...totals].sort((a, b) => b[1].cmp(a[1]) || a[0].localeCompare(b[0])).map(([wallet, v]) => ({ wallet, name: walletName(wallet), value: v.toFixed() }));
  return { wallets, unpriced };
}
