import { describe, expect, it } from 'vitest';
import { customDomain } from '../../../renderer/src/screens/history/chart-scale.js';
import { customRangeProblem, legendOf, sourceLabel, toChartPoints } from '../../../renderer/src/screens/history/history-model.js';

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
    expect(legendOf(pts)).toEqual({ measured: true, reconstructed: true, estimated: 1 });
    expect(legendOf(pts.slice(2))).toEqual({ measured: true, reconstructed: false, estimated: 0 });
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
