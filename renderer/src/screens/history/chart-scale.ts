import { scaleLinear } from 'd3-scale';
import { timeAxis } from '../../format/time-format.js';
import type { HistoryRange } from './history-model.js';

/**
 * The history chart's geometry, pure so it can be tested: the x axis spans the range the
 * user chose (not just the data), the y axis has round ticks, and every label is distinct.
 * Floats are fine here: this is where a line is drawn, never a figure shown.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How far back each range reaches; 'all' starts at the first point. */
export const RANGE_MS: Record<Exclude<HistoryRange, 'all'>, number> = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY, '1y': 365 * DAY };

/** Under "All", a history younger than this still gets an axis this long, so it has labels. */
const MIN_ALL_SPAN = HOUR;

/** The x axis: from the range's start to now (or the last point, if later). */
export function xDomain(range: HistoryRange, pointTimes: readonly number[], nowMs: number): [number, number] {
  const last = pointTimes.length ? Math.max(...pointTimes) : nowMs;
  const to = Math.max(nowMs, last);
  if (range !== 'all') return [to - RANGE_MS[range], to];
  const first = pointTimes.length ? Math.min(...pointTimes) : to;
  return [Math.min(first, to - MIN_ALL_SPAN), to];
}

/**
 * The x axis for custom dates: from the start of `from` to the end of `to` (UTC days, as
 * the server reads them), never past now; a side left open ends at the data.
 */
export function customDomain(from: string, to: string, pointTimes: readonly number[], nowMs: number): [number, number] {
  const first = pointTimes.length ? Math.min(...pointTimes) : nowMs - DAY;
  const last = pointTimes.length ? Math.max(...pointTimes) : nowMs;
  const start = from === '' ? first : Date.parse(`${from}T00:00:00Z`);
  const end = to === '' ? Math.max(last, nowMs) : Math.min(Date.parse(`${to}T00:00:00Z`) + DAY, Math.max(nowMs, last));
  return end - start < MIN_ALL_SPAN ? [start, start + MIN_ALL_SPAN] : [start, end];
}

/** Time ticks on round local times across the whole domain, with a label style to match. */
export function xAxis(domain: [number, number], locale?: string): { ticks: number[]; format: (ms: number) => string } {
  return timeAxis(domain[0], domain[1], locale, 7);
}

export interface YAxis {
  domain: [number, number];
  ticks: number[];
  format: (v: number) => string;
}

/**
 * Round ("nice") ticks around the values — 61,000, 61,500, 62,000 rather than 61.5K,
 * 61.8K, 62.2K — and labels with just enough decimals to tell neighbouring ticks apart.
 * A flat line gets a band around it.
 */
export function yAxis(values: readonly number[], locale?: string, count = 5): YAxis {
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (!Number.isFinite(min) || !Number.isFinite(max)) [min, max] = [0, 1];
  if (min === max) {
    const pad = Math.max(1, Math.abs(max) * 0.01);
    [min, max] = [min - pad, max + pad];
  }
  const scale = scaleLinear().domain([min, max]).nice(count);
  const ticks = scale.ticks(count);
  const [lo, hi] = scale.domain() as [number, number];
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : hi - lo;
  return { domain: [lo, hi], ticks, format: compactFormatter(Math.max(Math.abs(lo), Math.abs(hi)), step, locale) };
}

/** "61.5K", "1.25M", "950": the compact unit of the largest tick, with the decimals the step needs. */
function compactFormatter(largest: number, step: number, locale?: string): (v: number) => string {
  const exponent = largest >= 1000 ? Math.floor(Math.log10(largest) / 3) * 3 : 0;
  const unit = 10 ** exponent;
  const decimals = Math.min(6, Math.max(0, -Math.floor(Math.log10(step / unit) + 1e-9)));
  const nf = new Intl.NumberFormat(locale, exponent > 0
    ? { notation: 'compact', maximumFractionDigits: decimals }
    : { maximumFractionDigits: decimals });
  return (v) => nf.format(v);
}

/**
 * How the change reads: over the whole range when the points cover it ("in 30 days"),
 * else over the span they do cover ("over 3 hours"), so minutes of data never claim a month.
 */
export function changeSpanPhrase(range: HistoryRange, firstMs: number, lastMs: number, fullPhrase: string): string {
  const covered = Math.max(0, lastMs - firstMs);
  // A day of daily points covers a bit less than 24 h; that is still the whole range.
  if (range !== 'all' && covered >= RANGE_MS[range] * 0.9) return fullPhrase;
  return `over ${humanSpan(covered)}`;
}

/** "45 seconds", "1 minute", "3 hours", "12 days": the rounded length of a span. */
export function humanSpan(ms: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (ms < 60_000) return unit(Math.round(ms / 1000), 'second');
  if (ms < 90 * 60_000) return unit(Math.round(ms / 60_000), 'minute');
  if (ms < 48 * HOUR) return unit(Math.round(ms / HOUR), 'hour');
  return unit(Math.round(ms / DAY), 'day');
}
