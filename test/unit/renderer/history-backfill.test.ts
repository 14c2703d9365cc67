import { describe, expect, it } from 'vitest';
import { customDomain } from '../../../renderer/src/screens/history/chart-scale.js';
import { convertHistory, customRangeProblem, legendOf, rangeChange, sourceLabel, toChartPoints } from '../../../renderer/src/screens/history/history-model.js';
import type { NetValuePoint } from '../../../shared/domain.js';

const DAY = 86_400_000;

describe('history: the reconstructed part, drawn apart', () => {
  const pts = toChartPoints([
    { t: '2026-01-01T00:00:00Z', value: '100', source: 'backfill', estimated: false },
    { t: '2026-01-02T00:00:00Z', value: '90', source: 'backfill', estimated: true },
    { t: '2026-01-02T12:00:00Z', value: '120', source: 'sync', estimated: false },
    { t: '2026-01-02T12:30:00Z', value: '121', source: 'sync', estimated: false },
  ]);

  it('puts reconstructed points on the dashed line and measured ones on the solid line, joined at the change', () => {
    expect(pts.map((p) => [p.yBackfill, p.ySync])).toEqual([[100, null], [90, null], [120, 120], [null, 121]]);
    expect(pts.map((p) => p.estimated)).toEqual([false, true, false, false]);
  });

  it('tells the legend what is shown and the tooltip where a point comes from', () => {
    expect(legendOf(pts)).toEqual({ measured: true, reconstructed: true, estimated: 1, gaps: 0 });
    expect(legendOf(pts.slice(2))).toEqual({ measured: true, reconstructed: false, estimated: 0, gaps: 0 });
    expect(sourceLabel(pts[0]!)).toBe('Reconstructed from your trades');
    expect(sourceLabel(pts[1]!)).toMatch(/^Reconstructed from your trades \(estimated/);
    expect(sourceLabel(pts[3]!)).toBe('Measured at a sync');
  });

  it('spans custom dates as whole UTC days, never past now, and says what is missing', () => {
    const now = Date.parse('2026-01-20T10:00:00Z');
    expect(customDomain('2026-01-01', '2026-01-10', [], now)).toEqual([Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-01-11T00:00:00Z')]);
    expect(customDomain('2026-01-15', '2026-01-31', [], now)).toEqual([Date.parse('2026-01-15T00:00:00Z'), now]);
    expect(customDomain('', '2026-01-10', [Date.parse('2026-01-05T00:00:00Z')], now)[0]).toBe(Date.parse('2026-01-05T00:00:00Z'));
    expect(customDomain('2026-01-05', '', [], now)).toEqual([Date.parse('2026-01-05T00:00:00Z'), now]);
    expect(customDomain('2026-01-05', '', [], now)[1] - customDomain('2026-01-05', '', [], now)[0]).toBeGreaterThan(DAY);
    expect(customRangeProblem('', '')).toMatch(/Choose/);
    expect(customRangeProblem('2026-02-01', '2026-01-01')).toMatch(/after/);
    expect(customRangeProblem('2026-01-01', '')).toBeNull();
  });
});

describe('history in the display currency', () => {
  const eur = (price: string) => ({ EUR: { symbol: 'USDTEUR', base: 'USDT', quote: 'EUR', price, at: '2026-01-01T00:00:00Z' } });
  const point = (t: string, value: string, source: 'sync' | 'backfill', rates: NetValuePoint['rates']): NetValuePoint =>
    ({ t, value, walletValue: value, unrealisedPnl: '0', source, estimated: false, rates, costBasis: null, unrealisedSpot: null, costPartial: false });
  const raw = [
    point('2026-01-01T23:59:59Z', '1000', 'backfill', {}),
    point('2026-01-02T23:59:59Z', '1100', 'backfill', eur('0.9')),
    point('2026-01-03T12:00:00Z', '1200', 'sync', eur('0.95')),
    point('2026-01-03T12:30:00Z', '1300', 'sync', {}),
    point('2026-01-03T13:00:00Z', '1250.5', 'sync', eur('0.92')),
  ];

  it('converts each point at its own rate and leaves a point without one as a gap', () => {
    const c = convertHistory(raw, 'EUR');
    expect([c.currency, c.missing, c.fallback]).toEqual(['EUR', 2, null]);
    expect(c.points.map((p) => p.value)).toEqual([null, '990', '1140', null, '1150.46']);
    const pts = toChartPoints(c.points);
    expect(pts.map((p) => p.y)).toEqual([null, 990, 1140, null, 1150.46]);
    // The measured line starts where the reconstructed one ends; a gap sits on neither.
    expect(pts.map((p) => [p.yBackfill, p.ySync])).toEqual([[null, null], [990, null], [1140, 1140], [null, null], [null, 1150.46]]);
    expect(legendOf(pts)).toEqual({ measured: true, reconstructed: true, estimated: 0, gaps: 2 });
  });

  it('the change over the span runs between the first and last points shown, in the currency shown', () => {
    const c = convertHistory(raw, 'EUR');
    // 1,150.46 − 990 = 160.46 EUR, +16.208081 %.
    expect(rangeChange(c.points)).toEqual({ change: '160.46', pct: '16.208081' });
    expect(rangeChange(convertHistory(raw, 'USDT').points)).toEqual({ change: '250.5', pct: '25.05' });
  });

  it('USDT is the stored figure; a currency no point has a rate for falls back to USDT and says which', () => {
    const usdt = convertHistory(raw, 'USDT');
    expect([usdt.currency, usdt.missing, usdt.fallback]).toEqual(['USDT', 0, null]);
    expect(usdt.points.map((p) => p.value)).toEqual(['1000', '1100', '1200', '1300', '1250.5']);
    const usd = convertHistory(raw, 'USD');
    expect([usd.currency, usd.missing, usd.fallback]).toEqual(['USDT', 0, 'USD']);
    expect(usd.points.map((p) => p.value)).toEqual(['1000', '1100', '1200', '1300', '1250.5']);
    expect(convertHistory([], 'EUR')).toEqual({ points: [], currency: 'EUR', missing: 0, fallback: null });
  });
});
