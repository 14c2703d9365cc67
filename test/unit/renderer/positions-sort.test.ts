import { describe, expect, it } from 'vitest';
import type { Position } from '../../../shared/domain.js';
import { DEFAULT_POSITION_SORT, nextPositionSort, sortPositions } from '../../../renderer/src/screens/positions/positions-model.js';

const pos = (symbol: string, over: Partial<Position> = {}): Position => ({
  exchangeId: 'bybit', account: 'main', category: 'linear', symbol, side: 'long', size: '1', entryPrice: '1', markPrice: '1',
  unrealisedPnl: '0', leverage: '10', liquidationPrice: null, settleCoin: 'USDT', margin: null, funding: null, updatedAt: '2026-12-01T00:00:00Z', ...over,
});

describe('sorting positions like every other table', () => {
  const list = [pos('ETHUSDT', { unrealisedPnl: '-12.5', size: '2' }), pos('BTCUSDT', { unrealisedPnl: '100.25', size: '0.01' }), pos('SOLUSDT', { unrealisedPnl: null, size: '10' })];

  it('sorts figures exactly, unknown last either way, and names A–Z', () => {
    expect(sortPositions(list, DEFAULT_POSITION_SORT).map((p) => p.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    const byPnl = nextPositionSort(DEFAULT_POSITION_SORT, 'pnl');
    expect(byPnl).toEqual({ column: 'pnl', direction: 'desc' });
    expect(sortPositions(list, byPnl).map((p) => p.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    expect(sortPositions(list, nextPositionSort(byPnl, 'pnl')).map((p) => p.symbol)).toEqual(['ETHUSDT', 'BTCUSDT', 'SOLUSDT']);
    expect(sortPositions(list, { column: 'size', direction: 'desc' }).map((p) => p.symbol)).toEqual(['SOLUSDT', 'ETHUSDT', 'BTCUSDT']);
    expect(nextPositionSort(byPnl, 'side')).toEqual({ column: 'side', direction: 'asc' });
  });
});
