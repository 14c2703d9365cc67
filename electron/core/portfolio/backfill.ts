import { isCash } from './cash.js';
import type { CostBasis } from './cost-basis.js';
import { ONE, ZERO, type Dec } from './decimal.js';
import type { Flow } from './flows.js';
import { holdingsCost, type HeldAsset, type HoldingsCost } from './holdings-cost.js';

export { flowsOfFills, type Flow } from './flows.js';

export const DAY_MS = 86_400_000;

/** The net value of one account at the end of one UTC day, reconstructed from its flows. */
export interface BackfillPoint {
  /** Start of the UTC day (ms); the value is as of the day's end. */
  day: number;
  value: Dec;
  /** A reconstructed balance went negative that day: the flows do not explain it. */
  estimated: boolean;
  /** What was held at the day's end (positive balances), each at that day's close. */
  held: HeldAsset[];
  /** What the coins held at the day's end cost, by the books as they stood then. */
  cost: HoldingsCost;
}

/**
 * Each day's holdings, walking back from today's balances: a day ends with what is held
 * now minus every flow after it. Each holding is valued at that day's close (USDT at 1;
 * another cash coin at its close, else at par); a coin with no close that day is left out,
 * as an unpriced coin is from a sync's total. A negative balance (a deposit or older trade
 * the history does not have) counts as zero and marks the day estimated — never silently.
 * Days run from `firstDay` to `lastDay` (UTC day starts, inclusive). Each day's holdings
 * are costed from `books` of that day (the cost basis at its end; none: nothing costed).
 */
export function reconstructDaily(input: {
  current: ReadonlyMap<string, Dec>;
  flows: readonly Flow[];
  closes: ReadonlyMap<string, ReadonlyMap<number, Dec>>;
  firstDay: number;
  lastDay: number;
  books?: ReadonlyMap<number, ReadonlyMap<string, CostBasis>>;
}): BackfillPoint[] {
  const holdings = new Map(input.current);
  const flows = [...input.flows].sort((a, b) => b.at.getTime() - a.at.getTime());
  let next = 0;
  const points: BackfillPoint[] = [];
  for (let day = input.lastDay; day >= input.firstDay; day -= DAY_MS) {
    // Undo every flow after this day's end.
    while (next < flows.length && flows[next]!.at.getTime() >= day + DAY_MS) {
      const f = flows[next++]!;
      holdings.set(f.asset, (holdings.get(f.asset) ?? ZERO).minus(f.delta));
    }
    let value = ZERO;
    let estimated = false;
    const held: HeldAsset[] = [];
    for (const [asset, quantity] of holdings) {
      if (quantity.isNegative()) {
        estimated = true;
        continue;
      }
      if (quantity.isZero()) continue;
      const price = asset === 'USDT' ? ONE : input.closes.get(asset)?.get(day) ?? (isCash(asset) ? ONE : null);
      if (price !== null) value = value.plus(quantity.times(price));
      held.push({ asset, quantity, price });
    }
    points.push({ day, value, estimated, held, cost: holdingsCost(held, input.books?.get(day) ?? new Map()) });
  }
  return points.reverse();
}

/** The UTC day start of an instant. */
export function dayOf(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}
