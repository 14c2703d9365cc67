import type { Dec } from './decimal.js';

/** One point of the net-value history. */
export interface NetValueSample {
  t: Date;
  value: Dec;
}

/**
 * Thins a net-value series to at most `maxPoints`, in time order: the first point, then
 * the last point of each of `maxPoints − 1` equal runs of the rest, so the newest value
 * is always present. Values are returned untouched (no averaging, no arithmetic);
 * index-based runs give exactly `maxPoints` even when the app was off for a while.
 */
export function downsample(points: readonly NetValueSample[], maxPoints: number): NetValueSample[] {
  const sorted = [...points].sort((a, b) => a.t.getTime() - b.t.getTime());
  const limit = Math.max(0, Math.floor(maxPoints));
  if (sorted.length <= limit) return sorted;
  if (limit === 0) return [];
  const last = sorted[sorted.length - 1] as NetValueSample;
  if (limit === 1) return [last];

  const rest = sorted.length - 1;
  const runs = limit - 1;
  const out: NetValueSample[] = [sorted[0] as NetValueSample];
  for (let run = 1; run <= runs; run++) {
    // End of run `run` among points 1..rest; integer index arithmetic only.
    out.push(sorted[Math.floor((run * rest) / runs)] as NetValueSample);
  }
  return out;
}
