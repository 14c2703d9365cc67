import { describe, expect, it } from 'vitest';
import { dec } from '../../../electron/core/portfolio/decimal.js';
import { downsample } from '../../../electron/core/portfolio/net-value.js';

const series = (n: number) => Array.from({ length: n }, (_, i) => ({ t: new Date(Date.UTC(2025, 0, 1) + i * 1_800_000), value: dec(`${i}.5`) }));
const values = (points: { value: { toString(): string } }[]) => points.map((p) => p.value.toString());

describe('downsample', () => {
  it('keeps the first point and the last of each run', () => {
    expect(values(downsample(series(10), 4))).toEqual(['0.5', '3.5', '6.5', '9.5']);
  });

  it('returns short series whole, in time order', () => {
    const s = series(3);
    expect(values(downsample([s[2]!, s[0]!, s[1]!], 5))).toEqual(['0.5', '1.5', '2.5']);
  });

  it('handles the edges', () => {
    expect(downsample(series(5), 0)).toEqual([]);
    expect(values(downsample(series(5), 1))).toEqual(['4.5']);
    expect(values(downsample(series(5), 2))).toEqual(['0.5', '4.5']);
  });

  it('a year of 30-minute points to 500 quickly, exact values untouched', () => {
    const year = series(17_520);
    const started = performance.now();
    const out = downsample(year, 500);
    expect(performance.now() - started).toBeLessThan(50);
    expect(out).toHaveLength(500);
    expect(out[0]).toBe(year[0]);
    expect(out[499]).toBe(year[17_519]);
    expect(out.every((p, i) => i === 0 || p.t > out[i - 1]!.t)).toBe(true);
  });
});
