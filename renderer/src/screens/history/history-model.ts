import type { DisplayCurrency, NetValuePoint } from '../../../../shared/domain.js';
import { convertNetValuePoint } from '../../../../shared/format/display-currency.js';
import { toDec } from '../../format/decimal.js';

export const RANGES = ['24h', '7d', '30d', '1y', 'all'] as const;
export type HistoryRange = (typeof RANGES)[number];

export const RANGE_LABELS: Record<HistoryRange, string> = { '24h': '24 h', '7d': '7 days', '30d': '30 days', '1y': '1 year', all: 'All' };

/** How a change over the range reads: "+120 USDT (+1.2 %) in 7 days". */
export const RANGE_PHRASES: Record<HistoryRange, string> = { '24h': 'in 24 h', '7d': 'in 7 days', '30d': 'in 30 days', '1y': 'in a year', all: 'since the first sync' };

export interface ChartPoint {
  t: number;
  /** Geometry only (the line's height); null where the point has no rate for the currency shown (a gap). */
  y: number | null;
  /** The exact figure shown, in the chart's currency; null in a gap. */
  value: string | null;
  /** Measured by a sync, or reconstructed from the trade history. */
  source: 'sync' | 'backfill';
  /** A reconstructed day the history did not fully explain: a floor, not a measurement. */
  estimated: boolean;
  /** The height on the measured line, null off it. */
  ySync: number | null;
  /** The height on the reconstructed (dashed) line, null off it. */
  yBackfill: number | null;
}

type PointIn = Pick<NetValuePoint, 't'> & { value: string | null } & Partial<Pick<NetValuePoint, 'source' | 'estimated'>>;

/**
 * Points for the chart, split into a measured and a reconstructed line; where the source
 * changes, the later point sits on both so the two lines meet. A point with a malformed
 * time or value is left out rather than drawn at 0; one without a value (no rate for the
 * currency shown) stays as a gap in both lines.
 */
export function toChartPoints(points: ReadonlyArray<PointIn>): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (const p of points) {
    const t = Date.parse(p.t);
    const d = p.value === null ? null : toDec(p.value);
    if (Number.isNaN(t) || (p.value !== null && d === null)) continue;
    const y = d === null ? null : d.toNumber();
    const source = p.source ?? 'sync';
    const prev = out[out.length - 1];
    const joins = y !== null && prev !== undefined && prev.y !== null && prev.source !== source;
    const on = (line: 'sync' | 'backfill') => (y !== null && (source === line || joins) ? y : null);
    out.push({ t, y, value: d === null ? null : p.value, source, estimated: p.estimated ?? false, ySync: on('sync'), yBackfill: on('backfill') });
  }
  return out;
}

/** Net-value points in the display currency, and what the chart must say about them. */
export interface ConvertedHistory {
  /** Every point, its figures in `currency`; `value` null where the point has no rate (a gap). */
  points: Array<Omit<NetValuePoint, 'value'> & { value: string | null }>;
  /** What the figures are in: the currency asked for, or USDT when no point has its rate. */
  currency: DisplayCurrency;
  /** Points left as gaps for want of a rate. */
  missing: number;
  /** The currency asked for when no point of the range has its rate (the chart stays USDT); else null. */
  fallback: DisplayCurrency | null;
}

/**
 * Each point at the rate stored with it (its own time's price, not today's). A point
 * without a rate is a gap, never converted at a neighbour's rate; when no point of the
 * range has one, the chart stays in USDT and says so instead of going blank.
 */
export function convertHistory(points: readonly NetValuePoint[], currency: DisplayCurrency): ConvertedHistory {
  const converted = points.map((p) => convertNetValuePoint(p, currency));
  const missing = converted.filter((c) => c === null).length;
  if (currency !== 'USDT' && points.length > 0 && missing === points.length) return { points: [...points], currency: 'USDT', missing: 0, fallback: currency };
  return { points: converted.map((c, i) => c ?? { ...points[i]!, value: null }), currency, missing, fallback: null };
}

/** What the legend needs to say: which kinds of point the chart shows, and how many it cannot. */
export function legendOf(points: readonly ChartPoint[]): { measured: boolean; reconstructed: boolean; estimated: number; gaps: number } {
  const drawn = points.filter((p) => p.y !== null);
  return {
    measured: drawn.some((p) => p.source === 'sync'),
    reconstructed: drawn.some((p) => p.source === 'backfill'),
    estimated: drawn.filter((p) => p.estimated).length,
    gaps: points.length - drawn.length,
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

/**
 * Change from the first to the last point of the range, exactly; null with fewer than
 * two points. Points without a value (gaps) are passed over: the change runs between
 * the first and last points shown.
 */
export function rangeChange(input: ReadonlyArray<{ t: string; value: string | null }>): { change: string; pct: string | null } | null {
  const points = input.filter((p) => p.value !== null);
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
