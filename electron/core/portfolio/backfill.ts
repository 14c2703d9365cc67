import { isCash } from './cash.js';
import type { CostFill } from './cost-basis.js';
import { Dec, ONE, ZERO } from './decimal.js';

export const DAY_MS = 86_400_000;

/** A change of one asset's balance at one moment (a trade leg, a fee, a deposit). */
export interface Flow {
  asset: string;
  delta: Dec;
  at: Date;
}

/** The net value of one account at the end of one UTC day, reconstructed from its flows. */
export interface BackfillPoint {
  /** Start of the UTC day (ms); the value is as of the day's end. */
  day: number;
  value: Dec;
  /** A reconstructed balance went negative that day: the flows do not explain it. */
  estimated: boolean;
}

/** The balance changes of spot fills: base and quote legs, and a fee wherever it was charged. */
export function flowsOfFills(fills: readonly CostFill[]): Flow[] {
  const flows: Flow[] = [];
  for (const f of fills) {
    const gross = f.quantity.times(f.price);
    const sign = f.side === 'buy' ? ONE : ONE.neg();
    flows.push({ asset: f.base, delta: f.quantity.times(sign), at: f.executedAt });
    flows.push({ asset: f.quote, delta: gross.times(sign).neg(), at: f.executedAt });
    if (f.fee !== null && !f.fee.isZero() && f.feeCurrency !== null) flows.push({ asset: f.feeCurrency, delta: f.fee.neg(), at: f.executedAt });
  }
  return flows;
}

/**
 * Each day's holdings, walking back from today's balances: a day ends with what is held
 * now minus every flow after it. Each holding is valued at that day's close (USDT at 1;
 * another cash coin at its close, else at par); a coin with no close that day is left out,
 * as an unpriced coin is from a sync's total. A negative balance (a deposit or older trade
 * the history does not have) counts as zero and marks the day estimated — never silently.
 * Days run from `firstDay` to `lastDay` (UTC day starts, inclusive).
 */
export function reconstructDaily(input: {
  current: ReadonlyMap<string, Dec>;
  flows: readonly Flow[];
  closes: ReadonlyMap<string, ReadonlyMap<number, Dec>>;
  firstDay: number;
  lastDay: number;
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
    for (const [asset, quantity] of holdings) {
      if (quantity.isNegative()) {
        estimated = true;
        continue;
      }
      if (quantity.isZero()) continue;
      const price = asset === 'USDT' ? ONE : input.closes.get(asset)?.get(day) ?? (isCash(asset) ? ONE : null);
      if (price !== null) value = value.plus(quantity.times(price));
    }
    points.push({ day, value, estimated });
  }
  return points.reverse();
}

/** The UTC day start of an instant. */
export function dayOf(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}
