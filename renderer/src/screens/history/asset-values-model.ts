import type { AssetValuesPoint, DisplayCurrency } from '../../../../shared/domain.js';
import { convertUsdt, rateFor } from '../../../../shared/format/display-currency.js';
import { compareDecimals, Dec, toDec } from '../../format/decimal.js';

/** Named lines before the rest are summed as "Other": six colours, then Other's grey. */
export const TOP_ASSETS = 6;
export const OTHER = 'Other';

/** One line of the chart: an asset, or "Other" (the rest summed). */
export interface AssetSeries {
  key: string;
  /** The assets summed into "Other"; empty for a named asset. */
  members: string[];
  /** Colour slot 1–6, or 'other'. */
  swatch: number | 'other';
  /** The first and the last point where the value is known, exactly, in the chart's currency. */
  first: { t: number; value: string } | null;
  last: { t: number; value: string } | null;
}

/** One time on the chart: exact figures to show, numbers only for geometry. */
export interface AssetChartPoint {
  t: number;
  /** Per series key, in the chart's currency; null when unknown (no rate then, or unpriced). */
  values: Record<string, string | null>;
  /** The line heights; null where the value is unknown (a gap). */
  ys: Record<string, number | null>;
  /** No rate for the display currency at this time: every line has a gap here. */
  noRate: boolean;
}

export interface AssetBreakdown {
  series: AssetSeries[];
  points: AssetChartPoint[];
  /** What the figures are in: the currency asked for, or USDT when no point has its rate. */
  currency: DisplayCurrency;
  /** Points left as gaps for want of a rate. */
  missing: number;
  /** The currency asked for when no point has its rate (figures stay USDT); else null. */
  fallback: DisplayCurrency | null;
}

/**
 * The largest assets by their latest value get a line each (ties by name); the rest,
 * sold-out ones included, are summed into "Other" — unless only one would be, which
 * then keeps its own line. Each point is converted at its own stored rate; a point
 * without one is a gap, never a neighbour's rate. An asset not held at a point is 0;
 * one held but unpriced is unknown (a gap in its line, left out of "Other" as it is of
 * the total).
 */
export function assetBreakdown(points: readonly AssetValuesPoint[], currency: DisplayCurrency, top = TOP_ASSETS): AssetBreakdown {
  const withRate = points.map((p) => (currency === 'USDT' ? null : rateFor(currency, p.rates)));
  const fallback = currency !== 'USDT' && points.length > 0 && withRate.every((r) => r === null) ? currency : null;
  const shown: DisplayCurrency = fallback ? 'USDT' : currency;
  const named = rankAssets(points, top);
  const rest = [...new Set(points.flatMap((p) => Object.keys(p.values)))].filter((a) => !named.includes(a)).sort();
  const keys = rest.length > 0 ? [...named, OTHER] : named;

  const out: AssetChartPoint[] = points.map((p, i) => {
    const rate = withRate[i] ?? null;
    const noRate = shown !== 'USDT' && rate === null;
    const convert = (usdt: Dec | null): string | null => (usdt === null || noRate ? null : rate === null ? usdt.toFixed() : convertUsdt(usdt.toFixed(), rate));
    const values: Record<string, string | null> = {};
    for (const a of named) values[a] = convert(a in p.values ? toDec(p.values[a]) : new Dec(0));
    if (rest.length > 0) values[OTHER] = convert(rest.reduce((sum, a) => sum.plus(toDec(p.values[a]) ?? 0), new Dec(0)));
    const ys: Record<string, number | null> = {};
    for (const k of keys) ys[k] = toDec(values[k])?.toNumber() ?? null;
    return { t: Date.parse(p.t), values, ys, noRate };
  });

  const series = keys.map((key, i): AssetSeries => {
    const known = out.filter((p) => p.values[key] != null);
    const at = (p: AssetChartPoint | undefined) => (p ? { t: p.t, value: p.values[key]! } : null);
    return { key, members: key === OTHER ? rest : [], swatch: key === OTHER ? 'other' : i + 1, first: at(known[0]), last: at(known[known.length - 1]) };
  });
  return { series, points: out, currency: shown, missing: out.filter((p) => p.noRate).length, fallback };
}

/** The assets named on the chart: the largest by their value at the newest point, at most `top` (or `top + 1` when that names them all). */
function rankAssets(points: readonly AssetValuesPoint[], top: number): string[] {
  const all = [...new Set(points.flatMap((p) => Object.keys(p.values)))];
  const latest = points[points.length - 1]?.values ?? {};
  const ranked = all.map((asset) => ({ asset, value: toDec(latest[asset]) }))
    .sort((a, b) => compareDecimals(a.value, b.value, -1) || a.asset.localeCompare(b.asset))
    .map((r) => r.asset);
  return ranked.length <= top + 1 ? ranked : ranked.slice(0, top);
}

/** The change of a series over the points shown, exactly; null without two known points. */
export function seriesChange(s: AssetSeries): string | null {
  if (!s.first || !s.last || s.first.t === s.last.t) return null;
  return new Dec(s.last.value).minus(s.first.value).toFixed();
}

/** The index of the point nearest to `t` (points sorted by time); -1 when there are none. */
export function nearestIndex(points: ReadonlyArray<{ t: number }>, t: number): number {
  if (points.length === 0) return -1;
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && t - points[lo - 1]!.t <= points[lo]!.t - t ? lo - 1 : lo;
}
