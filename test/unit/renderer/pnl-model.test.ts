import { describe, expect, it } from 'vitest';
import { pnlTotals, toPnlPoints } from '../../../renderer/src/screens/history/pnl-model.js';

describe('history: realised P&L per day', () => {
  const days = [
    { day: '2026-01-01', realised: '10.25', spot: '10', derivatives: '0.5', funding: '-0.25', fees: '0.1', cumulative: '10.25', partial: false },
    { day: 'bad', realised: '1', spot: '1', derivatives: '0', funding: '0', fees: '0', cumulative: '1', partial: false },
    { day: '2026-01-03', realised: '-0.35', spot: '0', derivatives: '-0.45', funding: '0.1', fees: '0.2', cumulative: '9.9', partial: true },
  ];

  it('places each day at its UTC midnight, bars for the day and a line for the running total, with the day\'s parts', () => {
    expect(toPnlPoints(days)).toEqual([
      { t: Date.UTC(2026, 0, 1), y: 10.25, bar: 10.25, day: '2026-01-01', realised: '10.25', spot: '10', derivatives: '0.5', funding: '-0.25', fees: '0.1', cumulative: '10.25', partial: false },
      { t: Date.UTC(2026, 0, 3), y: 9.9, bar: -0.35, day: '2026-01-03', realised: '-0.35', spot: '0', derivatives: '-0.45', funding: '0.1', fees: '0.2', cumulative: '9.9', partial: true },
    ]);
  });

  it('totals exactly (no float drift), part by part, and says when a figure was unknown', () => {
    expect(pnlTotals([days[0]!, days[2]!])).toEqual({ realised: '9.9', spot: '10', derivatives: '0.05', funding: '-0.15', fees: '0.3', partial: true });
    const tenths = (day: string, v: string, cumulative: string) => ({ day, realised: v, spot: v, derivatives: v, funding: v, fees: v, cumulative, partial: false });
    expect(pnlTotals([tenths('2026-01-01', '0.1', '0.1'), tenths('2026-01-02', '0.2', '0.3')]))
      .toEqual({ realised: '0.3', spot: '0.3', derivatives: '0.3', funding: '0.3', fees: '0.3', partial: false });
    expect(pnlTotals([])).toBeNull();
  });
});
