import { describe, expect, it } from 'vitest';
import { pnlTotals, toPnlPoints } from '../../../renderer/src/screens/history/pnl-model.js';

describe('history: realised P&L per day', () => {
  const days = [
    { day: '2026-01-01', realised: '10.25', fees: '0.1', cumulative: '10.25', partial: false },
    { day: 'bad', realised: '1', fees: '0', cumulative: '1', partial: false },
    { day: '2026-01-03', realised: '-0.35', fees: '0.2', cumulative: '9.9', partial: true },
  ];

  it('places each day at its UTC midnight, bars for the day and a line for the running total', () => {
    expect(toPnlPoints(days)).toEqual([
      { t: Date.UTC(2026, 0, 1), y: 10.25, bar: 10.25, day: '2026-01-01', realised: '10.25', fees: '0.1', cumulative: '10.25', partial: false },
      { t: Date.UTC(2026, 0, 3), y: 9.9, bar: -0.35, day: '2026-01-03', realised: '-0.35', fees: '0.2', cumulative: '9.9', partial: true },
    ]);
  });

  it('totals exactly (no float drift) and says when a figure was unknown', () => {
    expect(pnlTotals([days[0]!, days[2]!])).toEqual({ realised: '9.9', fees: '0.3', partial: true });
    expect(pnlTotals([{ day: '2026-01-01', realised: '0.1', fees: '0.1', cumulative: '0.1', partial: false }, { day: '2026-01-02', realised: '0.2', fees: '0.2', cumulative: '0.3', partial: false }]))
      .toEqual({ realised: '0.3', fees: '0.3', partial: false });
    expect(pnlTotals([])).toBeNull();
  });
});
