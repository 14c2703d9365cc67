import type { PnlDay } from '../../../../shared/trades.js';
import { toDec } from '../../format/decimal.js';

/** One day on the P&L chart: geometry as numbers, the figures shown as the exact strings. */
export interface PnlPoint {
  /** The day's UTC midnight. */
  t: number;
  /** Height of the running total. */
  y: number;
  /** Height of the day's bar. */
  bar: number;
  day: string;
  /** The day's total: spot + derivatives (funding is in the derivatives' closed P&L once their positions close). */
  realised: string;
  spot: string;
  derivatives: string;
  funding: string;
  fees: string;
  cumulative: string;
  partial: boolean;
}

/** Chart points from the API's days; a malformed day is left out rather than drawn at 0. */
export function toPnlPoints(days: readonly PnlDay[]): PnlPoint[] {
  const out: PnlPoint[] = [];
  for (const d of days) {
    const t = Date.parse(`${d.day}T00:00:00Z`);
    const cum = toDec(d.cumulative);
    const day = toDec(d.realised);
    if (Number.isNaN(t) || cum === null || day === null) continue;
    out.push({
      t, y: cum.toNumber(), bar: day.toNumber(), day: d.day, realised: d.realised, spot: d.spot, derivatives: d.derivatives, funding: d.funding,
      fees: d.fees, cumulative: d.cumulative, partial: d.partial,
    });
  }
  return out;
}

/** The range's totals, exactly: realised (the last running sum) and its parts, fees, and whether any figure was unknown. */
export function pnlTotals(days: readonly PnlDay[]): { realised: string; spot: string; derivatives: string; funding: string; fees: string; partial: boolean } | null {
  if (days.length === 0) return null;
  const sum = (pick: (d: PnlDay) => string) => days.reduce((acc, d) => acc.plus(toDec(pick(d)) ?? 0), toDec('0')!).toFixed();
  const last = days[days.length - 1]!;
  return {
    realised: toDec(last.cumulative)?.toFixed() ?? '0', spot: sum((d) => d.spot), derivatives: sum((d) => d.derivatives), funding: sum((d) => d.funding),
    fees: sum((d) => d.fees), partial: days.some((d) => d.partial),
  };
}
