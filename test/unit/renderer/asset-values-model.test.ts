import { describe, expect, it } from 'vitest';
import type { AssetValuesPoint, DisplayRates } from '../../../shared/domain.js';
import { assetBreakdown, nearestIndex, OTHER, seriesChange } from '../../../renderer/src/screens/history/asset-values-model.js';

const eur = (price: string): DisplayRates => ({ EUR: { symbol: 'USDTEUR', base: 'USDT', quote: 'EUR', price, at: '2026-01-01T00:00:00Z' } });
const point = (t: string, values: AssetValuesPoint['values'], rates: DisplayRates = {}): AssetValuesPoint => ({ t, values, rates });

describe('value by asset: the largest assets, the rest as "Other"', () => {
  // Latest values: BTC 900, ETH 500, SOL 300, XRP 300, DOGE 10; ADA sold out before the end.
  const points = [
    point('2026-01-01T00:00:00Z', { BTC: '800', ETH: '400.5', ADA: '50', DOGE: '12' }, eur('0.9')),
    point('2026-01-02T00:00:00Z', { BTC: '850', ETH: '450', SOL: '100', ADA: '20', DOGE: null }, {}),
    point('2026-01-03T00:00:00Z', { BTC: '900', ETH: '500', SOL: '300', XRP: '300', DOGE: '10' }, eur('0.92')),
  ];

  it('names the largest by the newest point (ties by name) and sums the rest, sold-out ones included, into Other', () => {
    const b = assetBreakdown(points, 'USDT', 3);
    expect(b.series.map((s) => [s.key, s.swatch, s.members])).toEqual([
      ['BTC', 1, []], ['ETH', 2, []], ['SOL', 3, []], [OTHER, 'other', ['ADA', 'DOGE', 'XRP']],
    ]);
    // An asset not held is 0, one held but unpriced is left out of Other as it is of the total.
    expect(b.points.map((p) => p.values)).toEqual([
      { BTC: '800', ETH: '400.5', SOL: '0', [OTHER]: '62' },
      { BTC: '850', ETH: '450', SOL: '100', [OTHER]: '20' },
      { BTC: '900', ETH: '500', SOL: '300', [OTHER]: '310' },
    ]);
    expect(b.points[0]!.ys).toEqual({ BTC: 800, ETH: 400.5, SOL: 0, [OTHER]: 62 });
    expect([b.currency, b.missing, b.fallback]).toEqual(['USDT', 0, null]);
  });

  it('an unpriced named asset is a gap in its own line, not a zero', () => {
    const b = assetBreakdown(points, 'USDT', 10);
    expect(b.series.map((s) => s.key)).toEqual(['BTC', 'ETH', 'SOL', 'XRP', 'DOGE', 'ADA']);
    expect(b.points.map((p) => p.values.DOGE)).toEqual(['12', null, '10']);
    expect(b.points.map((p) => p.ys.DOGE)).toEqual([12, null, 10]);
    // ADA: not held at the end, so last by value; its first and last known points.
    expect(b.series.find((s) => s.key === 'ADA')).toMatchObject({ first: { t: Date.parse('2026-01-01T00:00:00Z'), value: '50' }, last: { t: Date.parse('2026-01-03T00:00:00Z'), value: '0' } });
  });

  it('one asset over the limit keeps its own line instead of an "Other" of one', () => {
    const two = [point('2026-01-01T00:00:00Z', { BTC: '2', ETH: '1' })];
    expect(assetBreakdown(two, 'USDT', 1).series.map((s) => s.key)).toEqual(['BTC', 'ETH']);
    const three = [point('2026-01-01T00:00:00Z', { BTC: '3', ETH: '2', SOL: '1' })];
    expect(assetBreakdown(three, 'USDT', 1).series.map((s) => s.key)).toEqual(['BTC', OTHER]);
  });

  it('converts each point at its own rate; a point without one is a gap in every line', () => {
    const b = assetBreakdown(points, 'EUR', 3);
    expect([b.currency, b.missing, b.fallback]).toEqual(['EUR', 1, null]);
    expect(b.points.map((p) => p.noRate)).toEqual([false, true, false]);
    expect(b.points.map((p) => p.values.BTC)).toEqual(['720', null, '828']);
    expect(b.points.map((p) => p.values[OTHER])).toEqual(['55.8', null, '285.2']);
    expect(b.points[1]!.ys).toEqual({ BTC: null, ETH: null, SOL: null, [OTHER]: null });
    // First and last known points, each at its own rate: 828 − 720 EUR.
    const btc = b.series[0]!;
    expect(seriesChange(btc)).toBe('108');
    expect(seriesChange(b.series[2]!)).toBe('276');
  });

  it('with no rate anywhere in the range the figures stay USDT and say which currency was asked', () => {
    const b = assetBreakdown(points, 'USD', 3);
    expect([b.currency, b.missing, b.fallback]).toEqual(['USDT', 0, 'USD']);
    expect(b.points[2]!.values.BTC).toBe('900');
    expect(assetBreakdown([], 'EUR')).toEqual({ series: [], points: [], currency: 'EUR', missing: 0, fallback: null });
  });

  it('no change without two known points', () => {
    const one = assetBreakdown([points[2]!], 'USDT', 3);
    expect(seriesChange(one.series[0]!)).toBeNull();
    expect(seriesChange({ key: 'X', members: [], swatch: 1, first: null, last: null })).toBeNull();
  });
});

describe('nearestIndex', () => {
  const pts = [{ t: 10 }, { t: 20 }, { t: 40 }];
  it('finds the nearest point, the earlier on a tie, and clamps at the ends', () => {
    expect([0, 10, 14, 15, 16, 29, 30, 31, 100].map((t) => nearestIndex(pts, t))).toEqual([0, 0, 0, 0, 1, 1, 1, 2, 2]);
    expect(nearestIndex([], 5)).toBe(-1);
    expect(nearestIndex([{ t: 7 }], 100)).toBe(0);
  });
});
