import { isCash } from './cash.js';
import { Dec, ZERO } from './decimal.js';

/** Average-cost state of one asset, plus what its disposals and trades realised and paid. */
export interface LedgerEntry {
  quantity: Dec;
  costedQuantity: Dec;
  /** USDT cost of the costed units: exact sums while only buying. */
  cost: Dec;
  /**
   * Average USDT cost of the costed units; only an acquisition changes it. Null while
   * acquisitions since the last disposal have not been averaged yet: a run of buys then
   * divides once, when the average is first needed, not once per buy. Read it through
   * {@link Ledger.average}.
   */
  avg: Dec | null;
  /** Sticky until the next reset: a cost component (a fee's value) was unknown. */
  incomplete: boolean;
  fills: number;
  /** Known realised P&L of this asset's disposals, over its whole history. */
  realised: Dec;
  /** Some disposal's realised P&L could not be known. */
  realisedUnknown: boolean;
  /** Known fees of the fills that traded this asset (as base), in USDT. */
  fees: Dec;
  feesUnknown: boolean;
}

/**
 * The running books of one account: quantity, cost and average per asset. Cash assets
 * have no entry (they count at par and carry no P&L).
 */
export class Ledger {
  readonly entries = new Map<string, LedgerEntry>();

  touch(asset: string): void {
    if (!isCash(asset)) this.entry(asset).fills += 1;
  }

  flag(asset: string): void {
    if (!isCash(asset)) this.entry(asset).incomplete = true;
  }

  /** Adds a fill's fee (USDT, null: unknown) to the asset it traded. */
  addFee(asset: string, fee: Dec | null): void {
    if (isCash(asset)) return;
    const e = this.entry(asset);
    if (fee === null) e.feesUnknown = true;
    else e.fees = e.fees.plus(fee);
  }

  /** Adds a disposal's realised P&L (null: unknown) to the asset disposed of. */
  addRealised(asset: string, pnl: Dec | null): void {
    // Only coins are disposed of with a gain or loss: callers never pass cash.
    const e = this.entry(asset);
    if (pnl === null) e.realisedUnknown = true;
    else e.realised = e.realised.plus(pnl);
  }

  /**
   * Books `delta` units of `asset`: an acquisition costing `cost` USDT (null: unknown)
   * when positive, a disposal at the running average when negative. Returns the USDT
   * cost of the units disposed of (zero for an acquisition or a cash asset), or null
   * when part of them has no known cost: units that the fills never explained, or
   * acquired without a price.
   */
  move(asset: string, delta: Dec, cost: Dec | null): Dec | null {
    if (isCash(asset) || delta.isZero()) return ZERO;
    const e = this.entry(asset);
    if (delta.gt(0)) {
      e.quantity = e.quantity.plus(delta);
      if (cost === null) return ZERO;
      e.costedQuantity = e.costedQuantity.plus(delta);
      e.cost = e.cost.plus(cost);
      e.avg = null;
      return ZERO;
    }
    return this.dispose(e, delta.neg());
  }

  /** Books the disposal of `quantity` (> 0) units of `asset` at its running average; returns their cost as {@link move} does. */
  take(asset: string, quantity: Dec): Dec | null {
    if (isCash(asset) || quantity.isZero()) return ZERO;
    return this.dispose(this.entry(asset), quantity);
  }

  private dispose(e: LedgerEntry, out: Dec): Dec | null {
    const fullyCosted = e.costedQuantity.eq(e.quantity);
    if (out.gte(e.quantity)) {
      // Exactly all of it: the cost leaves with it. More than all of it: history is
      // missing, and the extra units have no known cost.
      const costOut = out.eq(e.quantity) && fullyCosted ? e.cost : null;
      // At zero the position is closed; below zero, history is missing. Either way
      // nothing is known about what remains, so start afresh rather than go negative.
      Object.assign(e, { quantity: ZERO, costedQuantity: ZERO, cost: ZERO, avg: ZERO, incomplete: false });
      return costOut;
    }
    // Average cost: a disposal takes average units, so costed and uncosted units leave
    // in proportion and the average does not move.
    const avg = this.average(e);
    const costedOut = fullyCosted ? out : e.costedQuantity.times(out).div(e.quantity);
    e.costedQuantity = e.costedQuantity.minus(costedOut);
    // The average stays exactly as it was; the cost follows it.
    e.cost = avg.times(e.costedQuantity);
    e.quantity = e.quantity.minus(out);
    return fullyCosted ? avg.times(out) : null;
  }

  /** The entry's average cost (zero while nothing is costed), divided once per run of acquisitions. */
  average(e: LedgerEntry): Dec {
    // Stryker disable next-line ConditionalExpression: dividing again gives the same average, only slower
    if (e.avg === null) e.avg = e.costedQuantity.isZero() ? ZERO : e.cost.div(e.costedQuantity);
    return e.avg;
  }

  private entry(asset: string): LedgerEntry {
    let e = this.entries.get(asset);
    if (e === undefined) {
      e = { quantity: ZERO, costedQuantity: ZERO, cost: ZERO, avg: ZERO, incomplete: false, fills: 0, realised: ZERO, realisedUnknown: false, fees: ZERO, feesUnknown: false };
      this.entries.set(asset, e);
    }
    return e;
  }
}
