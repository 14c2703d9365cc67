import { applyConvert, applyFill, applyTransfer } from './cost-apply.js';
import { Ledger } from './cost-ledger.js';
import type { Dec } from './decimal.js';

export { CASH_ASSETS, isCash } from './cash.js';

/** One spot fill as the cost basis needs it. */
export interface CostFill {
  id: string;
  executedAt: Date;
  base: string;
  quote: string;
  side: 'buy' | 'sell';
  /** Quote units per base unit. */
  price: Dec;
  /** Base units traded, before fees. */
  quantity: Dec;
  fee: Dec | null;
  feeCurrency: string | null;
  /** USDT price of the quote asset at fill time; only consulted when the quote is not cash. */
  quoteUsdtRate: Dec | null;
  /** USDT price of the fee currency at fill time; only consulted for a fee in a third, non-cash coin. */
  feeUsdtRate: Dec | null;
}

/** Average-cost basis of one asset after all fills. */
export interface CostBasis {
  asset: string;
  /** Quantity the fills explain, net of fees; never negative. */
  quantity: Dec;
  /**
   * The part of `quantity` whose USDT cost is known. Equal to `quantity` unless an
   * acquisition lacked the rate to value it; such units carry no cost rather than a
   * guessed one, so they do not drag the average down.
   */
  costedQuantity: Dec;
  /** USDT cost of `costedQuantity`, fees included (average × costed quantity). */
  cost: Dec;
  /**
   * The average entry price, kept as state rather than derived from `cost`: it changes
   * only on an acquisition, so disposals leave it exactly as it was (no rounding drift).
   */
  average: Dec | null;
  /** True when some cost could not be valued (missing rate, unusable fill). */
  partial: boolean;
  /** Trades that touched this asset: fills (as base, quote or fee coin) and converts (either side). */
  fills: number;
  /** USDT realised by disposing of this asset, over all its fills (the known part). */
  realisedPnl: Dec;
  /** Some disposal's proceeds or cost were unknown: `realisedPnl` leaves it out. */
  realisedPartial: boolean;
  /** USDT fees of the fills that traded this asset as their base (the known part). */
  feesUsdt: Dec;
  /** Some fee could not be valued: `feesUsdt` leaves it out. */
  feesPartial: boolean;
}

/** Average entry price of a basis; null when nothing is costed. */
export function averageCost(basis: CostBasis): Dec | null {
  return basis.average;
}

/** What one fill realised and paid, in USDT at the fill's time. */
export interface FillOutcome {
  id: string;
  /** The fee at the fill's time (cash at par); null when it cannot be valued. */
  feeUsdt: Dec | null;
  /**
   * Gain or loss realised by the fill's disposals: the asset sold (or, on a cross pair,
   * the quote asset given up) and a fee paid in a third coin. Zero for a buy with cash;
   * null when a price or a cost it needs is unknown.
   */
  realisedPnl: Dec | null;
}

/**
 * A coin arriving or leaving without a trade. How an arrival is costed is the user's
 * choice: unknown (the holding's average stays partial) or at the market price of its
 * minute.
 */
export interface CostTransfer {
  id: string;
  executedAt: Date;
  /**
   * `deposit`: arrived from outside the account (a deposit, or a transfer in from another
   * account of the user); `withdrawal`: left it (a withdrawal, or a transfer out), at the
   * average and realising nothing; `undirected`: moved between this account and another
   * but the record does not say which way, so the books leave it out and mark the asset's
   * average partial.
   */
  kind: 'deposit' | 'withdrawal' | 'undirected';
  asset: string;
  /** Units that arrived or left (a withdrawal's fee included). */
  quantity: Dec;
  /** USDT price of the asset at the transfer's minute; null when none could be had. */
  usdtRate: Dec | null;
}

/**
 * A convert (coin exchange): `fromQuantity` of `from` given for `toQuantity` of `to`. It
 * is a trade: the coin given is disposed of at the convert's USDT value and the coin
 * received acquired at that same value.
 */
export interface CostConvert {
  /** The exchange's id of the convert. */
  id: string;
  executedAt: Date;
  from: string;
  fromQuantity: Dec;
  to: string;
  toQuantity: Dec;
  /** USDT price of `from` at the convert's minute; null when none was had (or not needed). */
  fromUsdtRate: Dec | null;
  /** USDT price of `to` at the convert's minute; null when none was had (or not needed). */
  toUsdtRate: Dec | null;
}

/** What one convert realised, in USDT: null when its value or the cost of the coin given is unknown. */
export interface ConvertOutcome {
  id: string;
  realisedPnl: Dec | null;
}

/** How deposits enter the cost basis. */
export type DepositCostBasis = 'unknown' | 'market';

/** The books after all fills: per asset, per fill and per convert. */
export interface CostBooks {
  basis: Map<string, CostBasis>;
  outcomes: Map<string, FillOutcome>;
  /** By convert id. */
  convertOutcomes: Map<string, ConvertOutcome>;
}

/**
 * Runs the average-cost method over the fills of one account, in execution order
 * (by `executedAt`, then `id`). Cash assets get no entry.
 */
export function computeCostBasis(fills: readonly CostFill[]): Map<string, CostBasis> {
  return computeCostBooks(fills).basis;
}

/**
 * {@link computeCostBasis}, with each fill's fee and realised P&L, and the account's
 * transfers (a withdrawal leaves at the average and realises nothing) and converts
 * (trades outside the order book) in the same timeline.
 */
export function computeCostBooks(
  fills: readonly CostFill[], transfers: readonly CostTransfer[] = [], policy: DepositCostBasis = 'unknown', converts: readonly CostConvert[] = [],
): CostBooks {
  const ledger = new Ledger();
  const outcomes = new Map<string, FillOutcome>();
  const convertOutcomes = new Map<string, ConvertOutcome>();
  for (const e of timeline(fills, transfers, converts)) book(ledger, outcomes, convertOutcomes, e, policy);
  return { basis: basisOf(ledger), outcomes, convertOutcomes };
}

/**
 * The basis as it stood at each of `instants` (ms, ascending): after every fill, transfer
 * and convert strictly before it. One replay of the same books {@link computeCostBooks}
 * keeps, read off as it passes each instant: what a holding cost at the end of a day.
 */
export function costBasisAt(
  fills: readonly CostFill[], transfers: readonly CostTransfer[], policy: DepositCostBasis, instants: readonly number[], converts: readonly CostConvert[] = [],
): Array<Map<string, CostBasis>> {
  const ledger = new Ledger();
  const outcomes = new Map<string, FillOutcome>();
  const convertOutcomes = new Map<string, ConvertOutcome>();
  const events = timeline(fills, transfers, converts);
  const out: Array<Map<string, CostBasis>> = [];
  let next = 0;
  for (const at of instants) {
    while (next < events.length && events[next]!.at < at) book(ledger, outcomes, convertOutcomes, events[next++]!, policy);
    out.push(basisOf(ledger));
  }
  return out;
}

/**
 * Fills, transfers and converts as one list, in the order they happened. Plain records,
 * not closures: this runs over every fill of an account on each sync.
 */
function timeline(fills: readonly CostFill[], transfers: readonly CostTransfer[], converts: readonly CostConvert[]): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const f of fills) events.push({ at: f.executedAt.getTime(), id: f.id, fill: f, transfer: null, convert: null });
  for (const t of transfers) events.push({ at: t.executedAt.getTime(), id: t.id, fill: null, transfer: t, convert: null });
  for (const c of converts) events.push({ at: c.executedAt.getTime(), id: `convert:${c.id}`, fill: null, transfer: null, convert: c });
  // Fill, transfer and convert ids are unique and never equal (transfers and converts
  // are prefixed by kind): at one instant the id alone orders them. The database hands
  // fills over in this order already; checking is cheaper than sorting.
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: skipping the check only sorts what is sorted
  if (!inOrder(events)) events.sort(byTime);
  return events;
}

function book(ledger: Ledger, outcomes: Map<string, FillOutcome>, convertOutcomes: Map<string, ConvertOutcome>, e: TimelineEvent, policy: DepositCostBasis): void {
  if (e.fill !== null) outcomes.set(e.fill.id, applyFill(ledger, e.fill));
  else if (e.transfer !== null) applyTransfer(ledger, e.transfer, policy);
  else convertOutcomes.set(e.convert!.id, applyConvert(ledger, e.convert!));
}

// Stryker disable next-line EqualityOperator: with unique ids `<` and `<=` order alike
const byTime = (a: TimelineEvent, b: TimelineEvent): number => a.at - b.at || (a.id < b.id ? -1 : 1);

// Stryker disable all: this only decides whether to sort; a wrong answer sorts what is already sorted
function inOrder(events: readonly TimelineEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (byTime(events[i - 1]!, events[i]!) > 0) return false;
  return true;
}
// Stryker restore all

interface TimelineEvent {
  at: number;
  id: string;
  fill: CostFill | null;
  transfer: CostTransfer | null;
  convert: CostConvert | null;
}

function basisOf(ledger: Ledger): Map<string, CostBasis> {
  const out = new Map<string, CostBasis>();
  for (const [asset, e] of ledger.entries) {
    out.set(asset, {
      asset,
      quantity: e.quantity,
      costedQuantity: e.costedQuantity,
      cost: e.cost,
      average: e.costedQuantity.gt(0) ? ledger.average(e) : null,
      partial: e.incomplete || e.costedQuantity.lt(e.quantity),
      fills: e.fills,
      realisedPnl: e.realised,
      realisedPartial: e.realisedUnknown,
      feesUsdt: e.fees,
      feesPartial: e.feesUnknown,
    });
  }
  return out;
}
