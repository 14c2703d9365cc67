import { describe, expect, it } from 'vitest';
import type { Position } from '../../../shared/domain.js';
import { Dec } from '../../../shared/format/decimal.js';
import { fundingBySettleCoin, nextPositionSort, notionalOf, roeOf, sortPositions, DEFAULT_POSITION_SORT } from '../../../renderer/src/screens/positions/positions-model.js';

const pos = (over: Partial<Position>): Position => ({
  exchangeId: 'bybit', account: 'default', category: 'linear', symbol: 'BTCUSDT', side: 'long', size: '0.1', entryPrice: '85000', markPrice: '90000',
  unrealisedPnl: '500', leverage: '10', liquidationPrice: null, settleCoin: 'USDT', margin: '850', funding: null, updatedAt: '2026-12-01T00:00:00Z', ...over,
});

describe('position figures', () => {
  it('notional is size × mark for linear, size ÷ mark (in the coin) for inverse, exactly', () => {
    expect(notionalOf(pos({ size: '0.3', markPrice: '0.1' }))).toBe('0.03');
    expect(notionalOf(pos({}))).toBe('9000');
    expect(notionalOf(pos({ category: 'inverse', symbol: 'BTCUSD', size: '900', markPrice: '90000', settleCoin: 'BTC' }))).toBe('0.01');
    expect(notionalOf(pos({ markPrice: null }))).toBeNull();
  });

  it('ROE is unrealised P&L over the margin in percent; unknown or zero margin gives none', () => {
    // 500 / 850: exact to 40 significant digits, not a float's 17.
    expect(new Dec(roeOf(pos({}))!).toDecimalPlaces(30).toFixed()).toBe('58.823529411764705882352941176471');
    expect(roeOf(pos({ unrealisedPnl: '-85' }))).toBe('-10');
    expect(roeOf(pos({ margin: null }))).toBeNull();
    expect(roeOf(pos({ margin: '0' }))).toBeNull();
    expect(roeOf(pos({ unrealisedPnl: null }))).toBeNull();
  });

  it('sorts by notional, ROE and funding like every other figure: high to low first, unknown last', () => {
    const a = pos({ symbol: 'A', size: '1', markPrice: '10', margin: '5', unrealisedPnl: '1', funding: '-2' });
    const b = pos({ symbol: 'B', size: '1', markPrice: '20', margin: '5', unrealisedPnl: '2', funding: '0.5' });
    const c = pos({ symbol: 'C', size: '1', markPrice: null, margin: null, unrealisedPnl: '3', funding: null });
    for (const column of ['notional', 'roe', 'funding'] as const) {
      const sort = nextPositionSort(DEFAULT_POSITION_SORT, column);
      expect(sort.direction).toBe('desc');
      expect(sortPositions([a, c, b], sort).map((p) => p.symbol), column).toEqual(['B', 'A', 'C']);
      expect(sortPositions([a, c, b], nextPositionSort(sort, column)).map((p) => p.symbol), column).toEqual(['A', 'B', 'C']);
    }
  });
});

describe('funding per settle coin', () => {
  it('sums each coin\'s known funding exactly and leaves out coins with none', () => {
    const list = [
      pos({ symbol: 'BTCUSDT', funding: '-0.45' }), pos({ symbol: 'ETHUSDT', funding: '0.15' }), pos({ symbol: 'SOLUSDT', funding: null }),
      pos({ symbol: 'BTCUSD', category: 'inverse', settleCoin: 'BTC', funding: null }),
    ];
    expect(fundingBySettleCoin(list)).toEqual([{ coin: 'USDT', total: '-0.3' }]);
    expect(fundingBySettleCoin([])).toEqual([]);
  });
});
