import { describe, expect, it } from 'vitest';
import type { NetValuePoint } from '../../../shared/domain.js';
import type { PnlDay } from '../../../shared/trades.js';
import { costNote, pnlTimeSummary, toPnlTimePoints } from '../../../renderer/src/screens/history/pnl-time-model.js';

const point = (t: string, over: Partial<NetValuePoint> = {}): NetValuePoint => ({
  t, value: '1000', walletValue: '1000', unrealisedPnl: '0', source: 'sync', estimated: false, costBasis: '800', unrealisedSpot: '200', costPartial: false, ...over,
});
const day = (d: string, cumulative: string, partial = false): PnlDay => ({ day: d, spot: '0', derivatives: '0', funding: '0', realised: '0', fees: '0', cumulative, partial });
const lines = (ps: ReturnType<typeof toPnlTimePoints>) => ps.map((p) => [p.yRealised, p.yUnrealised, p.yUnrealisedPartial, p.yTotal, p.yTotalPartial]);

describe('history: P&L over time', () => {
  it('adds the realised running sum through each point\'s UTC day to its unrealised P&L, exactly', () => {
    const ps = toPnlTimePoints(
      [point('2026-01-01T10:00:00Z'), point('2026-01-02T23:59:59Z', { unrealisedSpot: '0.2' }), point('2026-01-04T00:00:00Z', { unrealisedSpot: '-0.3' })],
      [day('2026-01-03', '0.3', true), day('2026-01-02', '0.1')],
    );
    // Before any realised day: 0; day 2's point counts day 2; day 4's point counts through day 3 (and is partial from there).
    expect(ps.map((p) => [p.realised, p.realisedPartial, p.unrealised, p.total])).toEqual([
      ['0', false, '200', '200'], ['0.1', false, '0.2', '0.3'], ['0.3', true, '-0.3', '0'],
    ]);
    expect(ps[0]).toMatchObject({ t: Date.UTC(2026, 0, 1, 10), source: 'sync', unknown: null, unrealisedPartial: false });
    expect(lines(ps)).toEqual([[0, 200, null, 200, null], [0.1, 0.2, null, 0.3, null], [0.3, -0.3, null, 0, null]]);
  });

  it('an unknown cost is a gap, not 0, and says why', () => {
    const ps = toPnlTimePoints([
      point('2026-01-01T00:00:00Z', { costBasis: null, unrealisedSpot: null, costPartial: false }),
      point('2026-01-02T00:00:00Z', { costBasis: null, unrealisedSpot: null, costPartial: true }),
    ], [day('2026-01-01', '5')]);
    expect(ps.map((p) => [p.realised, p.unrealised, p.total, p.unknown])).toEqual([['5', null, null, 'unrecorded'], ['5', null, null, 'uncosted']]);
    expect(lines(ps)).toEqual([[5, null, null, null, null], [5, null, null, null, null]]);
    expect(ps.every((p) => !p.unrealisedPartial)).toBe(true);
  });

  it('draws partial stretches dashed: a partial point and its neighbours sit on the dashed line, so the parts meet', () => {
    const ps = toPnlTimePoints([
      point('2026-01-01T00:00:00Z', { unrealisedSpot: '1' }),
      point('2026-01-02T00:00:00Z', { unrealisedSpot: '2' }),
      point('2026-01-03T00:00:00Z', { unrealisedSpot: '3', costPartial: true }),
      point('2026-01-04T00:00:00Z', { unrealisedSpot: '4' }),
      point('2026-01-05T00:00:00Z', { unrealisedSpot: '5' }),
    ], []);
    expect(lines(ps)).toEqual([
      [0, 1, null, 1, null], [0, 2, 2, 2, 2], [0, null, 3, null, 3], [0, 4, 4, 4, 4], [0, 5, null, 5, null],
    ]);
    expect(ps.map((p) => p.unrealisedPartial)).toEqual([false, false, true, false, false]);
  });

  it('leaves out malformed points and realised days rather than drawing them at 0', () => {
    const ps = toPnlTimePoints([point('not a time'), point('2026-01-02T00:00:00Z', { value: 'x' }), point('2026-01-03T00:00:00Z')],
      [day('2026-01-01', 'nope'), day('2026-01-02', '7')]);
    expect(ps.map((p) => [p.t, p.realised])).toEqual([[Date.UTC(2026, 0, 3), '7']]);
  });

  it('sums up the latest point and counts the unknown and partial ones', () => {
    const ps = toPnlTimePoints([
      point('2026-01-01T00:00:00Z', { costBasis: null, unrealisedSpot: null }),
      point('2026-01-02T00:00:00Z', { costPartial: true }),
      point('2026-01-03T00:00:00Z'),
    ], []);
    expect(pnlTimeSummary(ps)).toEqual({ last: ps[2], unknown: 1, partial: 1 });
    expect(pnlTimeSummary([])).toBeNull();
  });

  it('words each unknown or partial figure', () => {
    expect(costNote({ unknown: 'unrecorded', unrealisedPartial: false })).toBe('Unknown: recorded before costs were kept');
    expect(costNote({ unknown: 'uncosted', unrealisedPartial: false })).toBe('Unknown: no coin held had a known cost');
    expect(costNote({ unknown: null, unrealisedPartial: true })).toMatch(/^Partial: coins without a known cost/);
    expect(costNote({ unknown: null, unrealisedPartial: false })).toBeNull();
  });
});
