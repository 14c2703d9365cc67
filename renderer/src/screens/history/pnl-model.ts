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
  realised: string;
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
    out.push({ t, y: cum.toNumber(), bar: day.toNumber(), day: d.day, realised: d.realised, fees: d.fees, cumulative: d.cumulative, partial: d.partial });
  }
  return out;
}

/** The range's totals, exactly: realised (the last running sum), fees, and whether any figure was unknown. */
export function pnlTotals(days: readonly PnlDay[]): { realised: string; fees: string; partial: boolean } | null {
  if (days.length === 0) return null;
  let fees = toDec('0')!;
  for (const d of days) fees = fees.plus(toDec(d.fees) ?? 0);
  const last = days[days.length - 1]!;
  return { realised: toDec(last.cumulative)?.toFixed() ?? '0', fees: fees.toFixed(), partial: days.some((d) => d.partial) };
}
