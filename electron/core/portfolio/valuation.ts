import type { Portfolio, PortfolioItem, TradingTotals } from '../../../shared/domain.js';
import { isCash } from './cash.js';
import { averageCost, type CostBasis } from './cost-basis.js';
import { Dec, HUNDRED, ONE, ZERO, str } from './decimal.js';
import type { AssetPrice } from './pricing.js';

/** An asset held in one account, per wallet type (UNIFIED, FUND, …). */
export interface Holding {
  asset: string;
  wallets: Record<string, Dec>;
}

/** A {@link PortfolioItem} with exact decimals, before allocation is known. */
export interface ValuedItem {
  exchangeId: string;
  account: string;
  asset: string;
  quantity: Dec;
  currentPrice: Dec | null;
  value: Dec | null;
  avgEntryPrice: Dec | null;
  avgEntryPartial: boolean;
  profitLoss: Dec | null;
  profitLossPercentage: Dec | null;
  change24hPct: Dec | null;
  /** Ticker the price came from (see {@link AssetPrice.sourceSymbol}); null when unpriced. */
  priceSource: string | null;
  /** Realised P&L of the asset's disposals (known part); null for cash and untraded assets. */
  realisedPnl: Dec | null;
  realisedPnlPartial: boolean;
  /** Fees of the asset's trades in USDT (known part); null for cash and untraded assets. */
  feesPaid: Dec | null;
  feesPartial: boolean;
  /** Non-zero wallet balances. */
  wallets: Record<string, Dec>;
}

/** The valued holdings of one account. */
export interface AccountValuation {
  /** Sorted by value, largest first; unpriced items last. */
  items: ValuedItem[];
  /** Sum of the priced items' values. */
  totalValue: Dec;
  unpricedAssets: number;
}

/**
 * Values one account's holdings in USDT and attaches average entry price and unrealised
 * P&L from its cost basis. Holdings whose wallets sum to zero are dropped;
 * anything that cannot be known is null, never 0.
 */
export function valueAccount(input: {
  exchangeId: string;
  account: string;
  holdings: readonly Holding[];
  prices: Map<string, AssetPrice>;
  costBasis: Map<string, CostBasis>;
}): AccountValuation {
  const items: ValuedItem[] = [];
  for (const [asset, wallets] of mergeWallets(input.holdings)) {
    const quantity = Object.values(wallets).reduce((sum, q) => sum.plus(q), ZERO);
    if (quantity.isZero()) continue;
    const priced = input.prices.get(asset) ?? null;
    const price = priced?.price ?? null;
    const basis = input.costBasis.get(asset);
    const entry = entryFigures(asset, quantity, price, basis);
    items.push({
      exchangeId: input.exchangeId,
      account: input.account,
      asset,
      quantity,
      currentPrice: price,
      value: price === null ? null : quantity.times(price),
      ...entry,
      ...tradeFigures(asset, basis),
      change24hPct: priced?.change24hPct ?? null,
      priceSource: priced?.sourceSymbol ?? null,
      wallets,
    });
  }
  items.sort(byValue);
  return { items, totalValue: totalOf(items), unpricedAssets: items.filter((i) => i.value === null).length };
}

/**
 * The portfolio as the API and CLI show it: items of any number of accounts, sorted by
 * value (unpriced last), allocation over the wallet value (the priced items' total).
 * The total adds the open positions' unrealised P&L (USDT) to the wallet value.
 */
export function summarisePortfolio(items: readonly ValuedItem[], asOf: Date | null, unrealisedPnl: Dec = ZERO, trading: TradingTotals | null = null): Portfolio {
  const walletValue = totalOf(items);
  return {
    asOf: asOf === null ? null : asOf.toISOString(),
    quote: 'USDT',
    rates: {},
    totalValue: walletValue.plus(unrealisedPnl).toString(),
    walletValue: walletValue.toString(),
    unrealisedPnl: unrealisedPnl.toString(),
    unpricedAssets: items.filter((i) => i.value === null).length,
    trading,
    items: [...items].sort(byValue).map((i) => toPortfolioItem(i, walletValue)),
  };
}

/** Converts to the shared string form; `allocationPct` is the item's share of `totalValue`. */
export function toPortfolioItem(item: ValuedItem, totalValue: Dec): PortfolioItem {
  const allocation = item.value === null || totalValue.isZero() ? null : item.value.div(totalValue).times(HUNDRED);
  const wallets: Record<string, string> = {};
  for (const [wallet, q] of Object.entries(item.wallets)) wallets[wallet] = q.toString();
  return {
    exchangeId: item.exchangeId,
    account: item.account,
    asset: item.asset,
    quantity: item.quantity.toString(),
    currentPrice: str(item.currentPrice),
    value: str(item.value),
    avgEntryPrice: str(item.avgEntryPrice),
    avgEntryPartial: item.avgEntryPartial,
    profitLoss: str(item.profitLoss),
    profitLossPercentage: str(item.profitLossPercentage),
    change24hPct: str(item.change24hPct),
    allocationPct: str(allocation),
    realisedPnl: str(item.realisedPnl),
    realisedPnlPartial: item.realisedPnlPartial,
    feesPaid: str(item.feesPaid),
    feesPartial: item.feesPartial,
    wallets,
  };
}

type EntryFigures = Pick<ValuedItem, 'avgEntryPrice' | 'avgEntryPartial' | 'profitLoss' | 'profitLossPercentage'>;

/**
 * Average entry price and unrealised P&L of a holding. Partial when the holding is more
 * than the fills explain (deposits, history beyond the API's reach) or the basis itself
 * is partial; a smaller holding (withdrawals) keeps the average as it is.
 */
function entryFigures(asset: string, quantity: Dec, price: Dec | null, basis: CostBasis | undefined): EntryFigures {
  const none: EntryFigures = { avgEntryPrice: null, avgEntryPartial: false, profitLoss: null, profitLossPercentage: null };
  // Cash is the unit of account, and a negative balance (a loan) has no entry price.
  if (isCash(asset) || basis === undefined || !quantity.gt(0)) return none;
  const avg = averageCost(basis);
  // With no average at all there is nothing for "partial" to qualify.
  if (avg === null) return none;
  const figures = { ...none, avgEntryPrice: avg, avgEntryPartial: basis.partial || quantity.gt(basis.quantity) };
  if (price === null) return figures;
  // Algebraically q·(price − avg) and (price / avg − 1)·100, arranged so the one
  // division comes last: exact whenever the holding matches the basis.
  const { cost, costedQuantity } = basis;
  figures.profitLoss = quantity.times(price).minus(quantity.times(cost).div(costedQuantity));
  if (!cost.isZero()) figures.profitLossPercentage = price.times(costedQuantity).div(cost).minus(ONE).times(HUNDRED);
  return figures;
}

type TradeFigures = Pick<ValuedItem, 'realisedPnl' | 'realisedPnlPartial' | 'feesPaid' | 'feesPartial'>;

/** What the asset's trades realised and cost in fees; cash is the unit and has neither. */
function tradeFigures(asset: string, basis: CostBasis | undefined): TradeFigures {
  // A coin that only arrived by deposit was never traded: no realised P&L or fees to speak of.
  if (isCash(asset) || basis === undefined || basis.fills === 0) return { realisedPnl: null, realisedPnlPartial: false, feesPaid: null, feesPartial: false };
  return { realisedPnl: basis.realisedPnl, realisedPnlPartial: basis.realisedPartial, feesPaid: basis.feesUsdt, feesPartial: basis.feesPartial };
}

/** One wallet map per asset, zero balances left out; repeated assets are summed. */
function mergeWallets(holdings: readonly Holding[]): Map<string, Record<string, Dec>> {
  const merged = new Map<string, Record<string, Dec>>();
  for (const h of holdings) {
    const wallets = merged.get(h.asset) ?? {};
    for (const [wallet, q] of Object.entries(h.wallets)) {
      if (q.isZero()) continue;
      wallets[wallet] = (wallets[wallet] ?? ZERO).plus(q);
    }
    merged.set(h.asset, wallets);
  }
  return merged;
}

function totalOf(items: readonly ValuedItem[]): Dec {
  return items.reduce((sum, i) => (i.value === null ? sum : sum.plus(i.value)), ZERO);
}

function byValue(a: ValuedItem, b: ValuedItem): number {
  if (a.value === null || b.value === null) {
    if (a.value !== b.value) return a.value === null ? 1 : -1;
  } else {
    const c = b.value.comparedTo(a.value);
    if (c !== 0) return c;
  }
  return a.exchangeId.localeCompare(b.exchangeId) || a.account.localeCompare(b.account) || a.asset.localeCompare(b.asset);
}
