import { isCash } from './cash.js';
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

/** Average-cost basis of one asset after all fills (DESIGN §4). */
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
}

/** Average entry price of a basis; null when nothing is costed. */
export function averageCost(basis: CostBasis): Dec | null {
  return basis.average;
}

interface Entry {
  quantity: Dec;
  costedQuantity: Dec;
  /** USDT cost of the costed units: exact sums while only buying. */
  cost: Dec;
  /** Average USDT cost of the costed units; only an acquisition changes it. */
  avg: Dec;
  /** Sticky until the next reset: a cost component (a fee's value) was unknown. */
  incomplete: boolean;
  fills: number;
}

/**
 * Runs the average-cost method over the fills of one account, in execution order
 * (by `executedAt`, then `id`). Cash assets get no entry.
 */
export function computeCostBasis(fills: readonly CostFill[]): Map<string, CostBasis> {
  const ledger = new Ledger();
  const ordered = [...fills].sort(
    (a, b) => a.executedAt.getTime() - b.executedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  for (const fill of ordered) applyFill(ledger, fill);
  return ledger.result();
}

function applyFill(ledger: Ledger, f: CostFill): void {
  const feeCoin = f.fee !== null && !f.fee.isZero() ? f.feeCurrency : null;
  for (const asset of new Set([f.base, f.quote, ...(feeCoin === null ? [] : [feeCoin])])) ledger.touch(asset);
  if (!f.quantity.gt(0) || !f.price.gt(0)) {
    // Nothing sensible can be booked; say so instead of skipping silently.
    ledger.flag(f.base);
    ledger.flag(f.quote);
    return;
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
  // The acquired asset costs what was given up for it: the trade's value plus any fee
  // not taken out of the acquired asset itself.
  let cost: Dec | null = baseUsdt === null ? null : f.quantity.times(baseUsdt);
  let costComplete = true;

  const fee = f.fee ?? ZERO;
  if (!fee.isZero()) {
    let feeValue: Dec | null;
    if (f.feeCurrency === get) {
      getQty = getQty.minus(fee);
      feeValue = ZERO;
    } else if (f.feeCurrency === give) {
      giveQty = giveQty.plus(fee);
      const unit = give === f.base ? baseUsdt : quoteUsdt;
      feeValue = unit === null ? null : fee.times(unit);
    } else if (f.feeCurrency === null) {
      feeValue = null; // charged in an unknown coin: cannot book it anywhere
    } else if (isCash(f.feeCurrency)) {
      feeValue = fee;
    } else {
      feeValue = f.feeUsdtRate === null ? null : fee.times(f.feeUsdtRate);
      // Paying a fee disposes of the fee coin at its average; a rebate acquires it.
      ledger.move(f.feeCurrency, fee.neg(), feeValue === null ? null : feeValue.neg());
    }
    if (feeValue === null) costComplete = false;
    else if (cost !== null) cost = cost.plus(feeValue);
  }

  ledger.move(give, giveQty.neg(), null);
  ledger.move(get, getQty, cost);
  if (!costComplete) ledger.flag(get);
}

class Ledger {
  private readonly entries = new Map<string, Entry>();

  touch(asset: string): void {
    if (!isCash(asset)) this.entry(asset).fills += 1;
  }

  flag(asset: string): void {
    if (!isCash(asset)) this.entry(asset).incomplete = true;
  }

  /**
   * Books `delta` units of `asset`: an acquisition costing `cost` USDT (null: unknown)
   * when positive, a disposal at the running average when negative.
   */
  move(asset: string, delta: Dec, cost: Dec | null): void {
    if (isCash(asset) || delta.isZero()) return;
    const e = this.entry(asset);
    if (delta.gt(0)) {
      e.quantity = e.quantity.plus(delta);
      if (cost === null) return;
      e.costedQuantity = e.costedQuantity.plus(delta);
      e.cost = e.cost.plus(cost);
      e.avg = e.cost.div(e.costedQuantity);
      return;
    }
    const out = delta.neg();
    if (out.gte(e.quantity)) {
      // At zero the position is closed; below zero, history is missing. Either way
      // nothing is known about what remains, so start afresh rather than go negative.
      Object.assign(e, { quantity: ZERO, costedQuantity: ZERO, cost: ZERO, avg: ZERO, incomplete: false });
      return;
    }
    // Average cost: a disposal takes average units, so costed and uncosted units leave
    // in proportion and the average does not move.
    const costedOut = e.costedQuantity.eq(e.quantity) ? out : e.costedQuantity.times(out).div(e.quantity);
    e.costedQuantity = e.costedQuantity.minus(costedOut);
    // The average stays exactly as it was; the cost follows it.
    e.cost = e.avg.times(e.costedQuantity);
    e.quantity = e.quantity.minus(out);
  }

  result(): Map<string, CostBasis> {
    const out = new Map<string, CostBasis>();
    for (const [asset, e] of this.entries) {
      out.set(asset, {
        asset,
        quantity: e.quantity,
        costedQuantity: e.costedQuantity,
        cost: e.cost,
        average: e.costedQuantity.gt(0) ? e.avg : null,
        partial: e.incomplete || e.costedQuantity.lt(e.quantity),
        fills: e.fills,
      });
    }
    return out;
  }

  private entry(asset: string): Entry {
    let e = this.entries.get(asset);
    if (e === undefined) {
      e = { quantity: ZERO, costedQuantity: ZERO, cost: ZERO, avg: ZERO, incomplete: false, fills: 0 };
      this.entries.set(asset, e);
    }
    return e;
  }
}
