import type { NetValuePoint } from '../../../../shared/domain.js';
import type { PnlDay } from '../../../../shared/trades.js';
import { toDec } from '../../format/decimal.js';

/** Why a point's unrealised P&L is not known: never recorded, or nothing held had a known cost. */
export type UnknownCost = 'unrecorded' | 'uncosted';

/** One point of "P&L over time": exact figures shown, numbers only for the lines' heights. */
export interface PnlTimePoint {
  t: number;
  source: 'sync' | 'backfill';
  /** Realised since the range's start, through the point's UTC day. */
  realised: string;
  realisedPartial: boolean;
  /** P&L of the costed spot holdings at the point; null when unknown (a gap, never 0). */
  unrealised: string | null;
  /** Some holding had units without a known cost: `unrealised` is of the known part. */
  unrealisedPartial: boolean;
  unknown: UnknownCost | null;
  /** realised + unrealised; null when unrealised is. */
  total: string | null;
  /** The line heights: on the solid line when complete, on the dashed one when partial or beside a partial point; null off it. */
  yRealised: number;
  yUnrealised: number | null;
  yUnrealisedPartial: number | null;
  yTotal: number | null;
  yTotalPartial: number | null;
}

/**
 * Joins the net-value points (unrealised P&L of the holdings) with the realised running sum
 * of pnl:daily: each point takes the sum through its own UTC day (0 before the range's first
 * realised day). A point whose time or value is malformed is left out; a day whose sum is
 * malformed is skipped. A stretch touching a partial point is drawn dashed: a point next to
 * a partial one sits on the dashed line too, so the two parts meet.
 */
export function toPnlTimePoints(points: readonly NetValuePoint[], days: readonly PnlDay[]): PnlTimePoint[] {
  const sums = days.filter((d) => toDec(d.cumulative) !== null).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const out: PnlTimePoint[] = [];
  let next = 0;
  let realised = '0';
  let realisedPartial = false;
  for (const p of points) {
    const t = Date.parse(p.t);
    if (Number.isNaN(t) || toDec(p.value) === null) continue;
    const day = new Date(t).toISOString().slice(0, 10);
    while (next < sums.length && sums[next]!.day <= day) {
      realised = sums[next]!.cumulative;
      realisedPartial = sums[next]!.partial;
      next += 1;
    }
    const unrealised = p.costBasis === null ? null : toDec(p.unrealisedSpot);
    const total = unrealised === null ? null : unrealised.plus(toDec(realised)!);
    out.push({
      t, source: p.source, realised, realisedPartial,
      unrealised: unrealised === null ? null : unrealised.toFixed(), unrealisedPartial: unrealised !== null && p.costPartial,
      unknown: unrealised !== null ? null : p.costPartial ? 'uncosted' : 'unrecorded',
      total: total === null ? null : total.toFixed(),
      yRealised: toDec(realised)!.toNumber(), yUnrealised: null, yUnrealisedPartial: null, yTotal: null, yTotalPartial: null,
    });
  }
  out.forEach((p, i) => {
    const dashed = p.unrealisedPartial || out[i - 1]?.unrealisedPartial === true || out[i + 1]?.unrealisedPartial === true;
    const u = toDec(p.unrealised)?.toNumber() ?? null;
    const s = toDec(p.total)?.toNumber() ?? null;
    p.yUnrealised = p.unrealisedPartial ? null : u;
    p.yTotal = p.unrealisedPartial ? null : s;
    p.yUnrealisedPartial = dashed ? u : null;
    p.yTotalPartial = dashed ? s : null;
  });
  return out;
}

/** What the chart's head and text alternative say: the latest point, and how many are unknown or partial. */
export function pnlTimeSummary(points: readonly PnlTimePoint[]): { last: PnlTimePoint; unknown: number; partial: number } | null {
  const last = points[points.length - 1];
  if (last === undefined) return null;
  return { last, unknown: points.filter((p) => p.unrealised === null).length, partial: points.filter((p) => p.unrealisedPartial).length };
}

/** The hover card's and the table's words for an unknown or partial unrealised P&L. */
export function costNote(p: Pick<PnlTimePoint, 'unknown' | 'unrealisedPartial'>): string | null {
  if (p.unknown === 'unrecorded') return 'Unknown: recorded before costs were kept';
  if (p.unknown === 'uncosted') return 'Unknown: no coin held had a known cost';
  if (p.unrealisedPartial) return 'Partial: coins without a known cost (deposits, older history) left out';
  return null;
}
