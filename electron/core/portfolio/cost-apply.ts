import { isCash } from './cash.js';
import type { ConvertOutcome, CostConvert, CostFill, CostTransfer, DepositCostBasis, FillOutcome } from './cost-basis.js';
import type { Ledger } from './cost-ledger.js';
import { ONE, ZERO, type Dec } from './decimal.js';

/**
 * Books one spot fill: the asset given up leaves at its average (realising the
 * difference), the asset received enters at what was given for it, and the fee is
 * valued at the fill's time wherever it was charged.
 */
export function applyFill(ledger: Ledger, f: CostFill): FillOutcome {
  // Each asset the fill touched counts it once, whichever legs it was.
  const feeCoin = f.fee !== null && !f.fee.isZero() ? f.feeCurrency : null;
  ledger.touch(f.base);
  if (f.quote !== f.base) ledger.touch(f.quote);
  if (feeCoin !== null && feeCoin !== f.base && feeCoin !== f.quote) ledger.touch(feeCoin);
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
  const quoteCash = isCash(f.quote);
  const baseCash = isCash(f.base);
  const quoteUsdt = quoteCash ? ONE : f.quoteUsdtRate;
  // With a cash quote a base unit is worth its price and the trade its gross: no
  // multiplication by one (this loop runs over every fill of an account).
  // Stryker disable next-line ConditionalExpression: price × 1 is the price, only slower
  const baseUsdt = baseCash ? ONE : quoteCash ? f.price : quoteUsdt === null ? null : f.price.times(quoteUsdt);
  const getUnit = buy ? baseUsdt : quoteUsdt;
  const giveUnit = buy ? quoteUsdt : baseUsdt;
  // What changed hands, in USDT.
  // Stryker disable next-line ConditionalExpression,LogicalOperator,BooleanLiteral: quantity × price is the gross, only slower
  const traded: Dec | null = baseUsdt === null ? null : quoteCash && !baseCash ? gross : f.quantity.times(baseUsdt);
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
      feeUsdt = getUnit === null ? null : inUsdt(fee, getUnit);
    } else if (f.feeCurrency === give) {
      giveQty = giveQty.plus(fee);
      feeValue = giveUnit === null ? null : inUsdt(fee, giveUnit);
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
    // Stryker disable next-line ConditionalExpression,LogicalOperator,BooleanLiteral: adding zero changes nothing, only slower
    else if (cost !== null && !feeValue.isZero()) cost = cost.plus(feeValue);
  }
  ledger.addFee(f.base, feeUsdt);

  const costOut = ledger.take(give, giveQty);
  ledger.move(get, getQty, cost);
  if (!costComplete) ledger.flag(get);

  let giveRealised: Dec | null = ZERO;
  if (!isCash(give)) {
    // Sold for cash, the fee is an expense of the sale (a fee in the coin sold already
    // left with it); swapped for another coin, the fee went into that coin's cost, so
    // the coin given up realises exactly what it was worth.
    // Cash received is worth its amount (at par): what the sale brought before its fee.
    const received = buy ? f.quantity : gross;
    const proceeds = isCash(get)
      ? (f.feeCurrency === give || fee.isZero() ? received : feeUsdt === null ? null : received.minus(feeUsdt))
      : giveUnit === null ? null : inUsdt(giveQty, giveUnit);
    giveRealised = proceeds === null || costOut === null ? null : proceeds.minus(costOut);
    ledger.addRealised(give, giveRealised);
  }
  const realisedPnl = giveRealised === null || thirdCoinRealised === null ? null : giveRealised.plus(thirdCoinRealised);
  return { id: f.id, feeUsdt, realisedPnl };
}

/** `quantity` units at `unit` USDT each; a cash unit (at par) needs no multiplication. */
function inUsdt(quantity: Dec, unit: Dec): Dec {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: quantity × 1 is the quantity, only slower
  return unit === ONE ? quantity : quantity.times(unit);
}

/**
 * Books a deposit (costed by the policy) or a withdrawal (leaves at the average, realises
 * nothing); a transfer of unknown direction changes no quantity but leaves the asset's
 * average partial, since units may have come or gone that the books cannot place.
 */
export function applyTransfer(ledger: Ledger, t: CostTransfer, policy: DepositCostBasis): void {
  if (!t.quantity.gt(0)) return;
  if (t.kind === 'undirected') {
    ledger.flag(t.asset);
    return;
  }
  if (t.kind === 'withdrawal') {
    ledger.take(t.asset, t.quantity);
    return;
  }
  ledger.move(t.asset, t.quantity, policy !== 'unknown' && t.usdtRate !== null ? t.quantity.times(t.usdtRate) : null);
}

/**
 * Books a convert as a trade: the coin given leaves at its average, realising the
 * convert's USDT value less that cost, and the coin received enters at that same value.
 * The value is exact when either side is cash (at par); otherwise it is the coin given
 * at its USDT price of the minute, or failing that the coin received at its own. With
 * neither, the coin received has no cost and what the convert realised is unknown.
 */
export function applyConvert(ledger: Ledger, c: CostConvert): ConvertOutcome {
  for (const asset of new Set([c.from, c.to])) ledger.touch(asset);
  if (!c.fromQuantity.gt(0) || !c.toQuantity.gt(0)) {
    // A record that gave or got nothing cannot be booked: say so instead of skipping it.
    ledger.flag(c.from);
    ledger.flag(c.to);
    if (!isCash(c.from)) ledger.addRealised(c.from, null);
    return { id: c.id, realisedPnl: null };
  }
  const value = isCash(c.from) ? c.fromQuantity
    : isCash(c.to) ? c.toQuantity
      : c.fromUsdtRate !== null ? c.fromQuantity.times(c.fromUsdtRate)
        : c.toUsdtRate === null ? null : c.toQuantity.times(c.toUsdtRate);
  const costOut = ledger.move(c.from, c.fromQuantity.neg(), null);
  ledger.move(c.to, c.toQuantity, value);
  // Cash given carries no gain or loss: its value is its amount.
  if (isCash(c.from)) return { id: c.id, realisedPnl: ZERO };
  const realisedPnl = value === null || costOut === null ? null : value.minus(costOut);
  ledger.addRealised(c.from, realisedPnl);
  return { id: c.id, realisedPnl };
}
