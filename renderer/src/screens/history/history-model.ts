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
}

/** Points for the chart; a point with a malformed time or value is left out rather than drawn at 0. */
export function toChartPoints(points: ReadonlyArray<Pick<NetValuePoint, 't' | 'value'>>): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (const p of points) {
    const t = Date.parse(p.t);
    const d = toDec(p.value);
    if (Number.isNaN(t) || d === null) continue;
    out.push({ t, y: d.toNumber(), value: p.value });
  }
  return out;
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
