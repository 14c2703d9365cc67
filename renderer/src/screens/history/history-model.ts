import type { NetValuePoint } from '../../../../shared/domain.js';
import { toDec } from '../../format/decimal.js';

export const RANGES = ['24h', '7d', '30d', '1y', 'all'] as const;
export type HistoryRange = (typeof RANGES)[number];

export const RANGE_LABELS: Record<HistoryRange, string> = { '24h': '24 h', '7d': '7 days', '30d': '30 days', '1y': '1 year', all: 'All' };

/** How a change over the range reads: "+120 USDT (+1.2 %) in 7 days". */
export const RANGE_PHRASES: Record<HistoryRange, string> = { '24h': 'in 24 h', '7d': 'in 7 days', '30d': 'in 30 days', '1y': 'in a year', all: 'since the first sync' };

export interface ChartPoint {
  t: number;
  /** Geometry only (the line's height); the exact figure shown is `value`. */
  y: number;
  value: string;
  /** Measured by a sync, or reconstructed from the trade history. */
  source: 'sync' | 'backfill';
  /** A reconstructed day the history did not fully explain: a floor, not a measurement. */
  estimated: boolean;
  /** The height on the measured line, null off it. */
  ySync: number | null;
  /** The height on the reconstructed (dashed) line, null off it. */
  yBackfill: number | null;
}

type PointIn = Pick<NetValuePoint, 't' | 'value'> & Partial<Pick<NetValuePoint, 'source' | 'estimated'>>;

/**
 * Points for the chart, split into a measured and a reconstructed line; where the source
 * changes, the later point sits on both so the two lines meet. A point with a malformed
 * time or value is left out rather than drawn at 0.
 */
export function toChartPoints(points: ReadonlyArray<PointIn>): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (const p of points) {
    const t = Date.parse(p.t);
    const d = toDec(p.value);
    if (Number.isNaN(t) || d === null) continue;
    const y = d.toNumber();
    const source = p.source ?? 'sync';
    const prev = out[out.length - 1];
    const joins = prev !== undefined && prev.source !== source;
    out.push({
      t, y, value: p.value, source, estimated: p.estimated ?? false,
      ySync: source === 'sync' || joins ? y : null,
      yBackfill: source === 'backfill' || joins ? y : null,
    });
  }
  return out;
}

/** What the legend needs to say: which kinds of point the chart shows. */
export function legendOf(points: readonly ChartPoint[]): { measured: boolean; reconstructed: boolean; estimated: number } {
  return {
    measured: points.some((p) => p.source === 'sync'),
    reconstructed: points.some((p) => p.source === 'backfill'),
    estimated: points.filter((p) => p.estimated).length,
  };
}

/** The tooltip's words for a point's origin. */
export function sourceLabel(p: Pick<ChartPoint, 'source' | 'estimated'>): string {
  if (p.source === 'sync') return 'Measured at a sync';
  return p.estimated ? 'Reconstructed from your trades (estimated: the history did not explain every balance that day)' : 'Reconstructed from your trades';
}

/** Custom dates as the date inputs give them; a problem to show instead of asking the server. */
export function customRangeProblem(from: string, to: string): string | null {
  if (from === '' && to === '') return 'Choose a "from" or a "to" date.';
  if (from !== '' && to !== '' && from > to) return 'The "from" date is after the "to" date.';
  return null;
}

/** Change from the first to the last point of the range, exactly; null with fewer than two points. */
export function rangeChange(points: ReadonlyArray<Pick<NetValuePoint, 't' | 'value'>>): { change: string; pct: string | null } | null {
  if (points.length < 2) return null;
  const first = toDec(points[0]?.value);
  const last = toDec(points[points.length - 1]?.value);
  if (first === null || last === null) return null;
  const change = last.minus(first);
  const pct = first.isZero() ? null : change.dividedBy(first.abs()).times(100).toDecimalPlaces(6).toFixed();
  return { change: change.toFixed(), pct };
}

/** "bybit/main" ⇄ the API's account reference; '' is every account. */
export function parseAccountKey(key: string): { exchangeId: string; account: string } | null {
  const i = key.indexOf('/');
  if (i <= 0 || i === key.length - 1) return null;
  return { exchangeId: key.slice(0, i), account: key.slice(i + 1) };
}
