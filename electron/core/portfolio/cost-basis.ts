import { isCash } from './cash.js';
import { Ledger, type LedgerEntry } from './cost-ledger.js';
import { Dec, ONE, ZERO } from './decimal.js';

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
  /** Fills that touched this asset (as base, quote or fee coin). */
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

/** The books after all fills: per asset, and per fill. */
export interface CostBooks {
  basis: Map<string, CostBasis>;
  outcomes: Map<string, FillOutcome>;
}

/**
 * Runs the average-cost method over the fills of one account, in execution order
 * (by `executedAt`, then `id`). Cash assets get no entry.
 */
export function computeCostBasis(fills: readonly CostFill[]): Map<string, CostBasis> {
  return computeCostBooks(fills).basis;
}

/** {@link computeCostBasis}, with each fill's fee and realised P&L. */
export function computeCostBooks(fills: readonly CostFill[]): CostBooks {
  const ledger = new Ledger();
  const ordered = [...fills].sort(
    (a, b) => a.executedAt.getTime() - b.executedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const outcomes = new Map<string, FillOutcome>();
  for (const fill of ordered) outcomes.set(fill.id, applyFill(ledger, fill));
  return { basis: basisOf(ledger.entries), outcomes };
}

function applyFill(ledger: Ledger, f: CostFill): FillOutcome {
  const feeCoin = f.fee !== null && !f.fee.isZero() ? f.feeCurrency : null;
  for (const asset of new Set([f.base, f.quote, ...(feeCoin === null ? [] : [feeCoin])])) ledger.touch(asset);
  if (!f.quantity.gt(0) || !f.price.gt(0)) {
    // Nothing sensible can be booked; say so instead of skipping silently.
    ledger.flag(f.base);
    ledger.flag(f.quote);
    ledger.addFee(f.base, null);
    ledger.addRealised(f.base, null);
    return { id: f.id, feeUsdt: null, realisedPnl: null };
  }

  const buy = f.side === 'buy';
  const get = buy ? f.base : f.quote;
  const give = buy ? f.quote : f.base;
  const gross = f.quantity.times(f.price);
  let getQty = buy ? f.quantity : gross;
  let giveQty = buy ? gross : f.quantity;

  // USDT value of one unit of each leg. A cash leg is at par; a base unit is worth
  // `price` quote units, so it is known whenever the quote's value is.
  const quoteUsdt = isCash(f.quote) ? ONE : f.quoteUsdtRate;
  const baseUsdt = isCash(f.base) ? ONE : quoteUsdt === null ? null : f.price.times(quoteUsdt);
  const unitOf = (asset: string) => (asset === f.base ? baseUsdt : quoteUsdt);
  // What changed hands, in USDT.
  const traded: Dec | null = baseUsdt === null ? null : f.quantity.times(baseUsdt);
  // The acquired asset costs what was given up for it: the trade's value plus any fee
  // not taken out of the acquired asset itself.
  let cost: Dec | null = traded;
  let costComplete = true;
  let thirdCoinRealised: Dec | null = ZERO;

  const fee = f.fee ?? ZERO;
  // The fee's USDT value, whatever coin it was charged in.
  let feeUsdt: Dec | null = f.fee === null ? null : ZERO;
  if (!fee.isZero()) {
    let feeValue: Dec | null;
    if (f.feeCurrency === get) {
      getQty = getQty.minus(fee);
      feeValue = ZERO;
      feeUsdt = unitOf(get) === null ? null : fee.times(unitOf(get)!);
    } else if (f.feeCurrency === give) {
      giveQty = giveQty.plus(fee);
      const unit = unitOf(give);
      feeValue = unit === null ? null : fee.times(unit);
      feeUsdt = feeValue;
    } else if (f.feeCurrency === null) {
      feeValue = null; // charged in an unknown coin: cannot book it anywhere
      feeUsdt = null;
    } else if (isCash(f.feeCurrency)) {
      feeValue = fee;
      feeUsdt = fee;
    } else {
      feeValue = f.feeUsdtRate === null ? null : fee.times(f.feeUsdtRate);
      feeUsdt = feeValue;
      // Paying a fee disposes of the fee coin at its average; a rebate acquires it.
      const costOut = ledger.move(f.feeCurrency, fee.neg(), feeValue === null ? null : feeValue.neg());
      if (fee.gt(0)) {
        thirdCoinRealised = feeValue === null || costOut === null ? null : feeValue.minus(costOut);
        ledger.addRealised(f.feeCurrency, thirdCoinRealised);
      }
    }
    if (feeValue === null) costComplete = false;
    else if (cost !== null) cost = cost.plus(feeValue);
  }
  ledger.addFee(f.base, feeUsdt);

  const costOut = ledger.move(give, giveQty.neg(), null);
  ledger.move(get, getQty, cost);
  if (!costComplete) ledger.flag(get);

  let giveRealised: Dec | null = ZERO;
  if (!isCash(give)) {
    // Sold for cash, the fee is an expense of the sale (a fee in the coin sold already
    // left with it); swapped for another coin, the fee went into that coin's cost, so
    // the coin given up realises exactly what it was worth.
    const proceeds = isCash(get)
      ? (traded === null ? null : f.feeCurrency === give || fee.isZero() ? traded : feeUsdt === null ? null : traded.minus(feeUsdt))
      : unitOf(give) === null ? null : giveQty.times(unitOf(give)!);
    giveRealised = proceeds === null || costOut === null ? null : proceeds.minus(costOut);
    ledger.addRealised(give, giveRealised);
  }
  const realisedPnl = giveRealised === null || thirdCoinRealised === null ? null : giveRealised.plus(thirdCoinRealised);
  return { id: f.id, feeUsdt, realisedPnl };
}

function basisOf(entries: ReadonlyMap<string, LedgerEntry>): Map<string, CostBasis> {
  const out = new Map<string, CostBasis>();
  for (const [asset, e] of entries) {
    out.set(asset, {
      asset,
      quantity: e.quantity,
      costedQuantity: e.costedQuantity,
      cost: e.cost,
      average: e.costedQuantity.gt(0) ? e.avg : null,
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
