import { isCash } from './cash.js';
import type { CostBasis } from './cost-basis.js';
import { ZERO, type Dec } from './decimal.js';

/** The part of one holding whose USDT cost the books know. */
export interface HoldingCost {
  /** Units of the holding with a known cost. */
  costedQuantity: Dec;
  /** Their USDT cost, fees included. */
  cost: Dec;
  /** Some units have no known cost, or a cost component (a fee's value) was unknown. */
  partial: boolean;
}

/** One coin held, at the price it is valued at (null: none). */
export interface HeldAsset {
  asset: string;
  quantity: Dec;
  price: Dec | null;
}

/** What the coins held cost and are worth: the ground for their unrealised P&L. */
export interface HoldingsCost {
  /** Per coin held, the cost of its costed units; a coin with none known (and cash) is absent. */
  byAsset: Map<string, HoldingCost>;
  /**
   * USDT cost of the costed units of the priced coins; null when coins are held but none
   * of them has both a known cost and a price (nothing is known, so not 0).
   */
  cost: Dec | null;
  /** Those same units at their prices; null exactly when `cost` is. */
  costedValue: Dec | null;
  /** Some coin held had units without a known cost or price: they are in neither figure. */
  partial: boolean;
}

/**
 * The cost of `quantity` units of `asset` held, from the account's books. Units are
 * fungible under the average-cost method: a holding smaller than the books (a withdrawal
 * they did not see) is a proportional share of their costed and uncosted units; a larger
 * one holds units beyond the books, which have no known cost. Null for cash (the unit of
 * account), for nothing or a negative balance (a loan), and when no unit has a cost.
 */
export function holdingCost(asset: string, quantity: Dec, basis: CostBasis | undefined): HoldingCost | null {
  if (isCash(asset) || !quantity.gt(0) || basis === undefined || basis.costedQuantity.isZero()) return null;
  const all = quantity.gte(basis.quantity);
  // The same arithmetic as the portfolio's entry figures (multiply, then the one division),
  // so a holding that matches the books has exactly the books' cost.
  const costedQuantity = all ? basis.costedQuantity : quantity.times(basis.costedQuantity).div(basis.quantity);
  const cost = all ? basis.cost : quantity.times(basis.cost).div(basis.quantity);
  return { costedQuantity, cost, partial: basis.partial || costedQuantity.lt(quantity) };
}

/**
 * The cost and value of the costed units of every coin held. Cash carries no P&L and is
 * left out; a coin without a known cost or without a price counts in neither sum and
 * makes the figure partial, so `costedValue − cost` is the unrealised P&L of what is known.
 */
export function holdingsCost(held: readonly HeldAsset[], books: ReadonlyMap<string, CostBasis>): HoldingsCost {
  const byAsset = new Map<string, HoldingCost>();
  let cost = ZERO;
  let costedValue = ZERO;
  let counted = false;
  let partial = false;
  for (const h of held) {
    if (isCash(h.asset) || h.quantity.isZero()) continue;
    const c = holdingCost(h.asset, h.quantity, books.get(h.asset));
    if (c === null || h.price === null) {
      partial = true;
      if (c !== null) byAsset.set(h.asset, c);
      continue;
    }
    byAsset.set(h.asset, c);
    cost = cost.plus(c.cost);
    costedValue = costedValue.plus(c.costedQuantity.times(h.price));
    counted = true;
    partial ||= c.partial;
  }
  if (!counted && partial) return { byAsset, cost: null, costedValue: null, partial };
  return { byAsset, cost, costedValue, partial };
}
