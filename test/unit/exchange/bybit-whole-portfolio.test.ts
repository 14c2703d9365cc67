import { describe, expect, it } from 'vitest';
import { parseEarnPositions } from '../../../electron/core/exchange/bybit/bybit-earn.js';
import { positionQueries } from '../../../electron/core/exchange/bybit/bybit-client.js';
import { inverseSettleCoin, parsePositions } from '../../../electron/core/exchange/bybit/bybit-parse.js';
import { earnPositionSchema } from '../../../electron/core/exchange/bybit/bybit-schemas.js';

const earnRow = (over: Record<string, unknown>) => ({ coin: 'USDT', productId: '1', amount: '1', totalPnl: '', claimableYield: '0', id: '', status: '', ...over });

describe('Bybit Earn positions', () => {
  it('stores each category under its wallet type, sums products of one coin and drops fully redeemed rows', () => {
    const flexible = earnPositionSchema.parse({ list: [earnRow({ amount: '100' }), earnRow({ productId: '2', amount: '0.5' }), earnRow({ coin: 'ETH', amount: '0' })] });
    expect(parseEarnPositions(flexible, 'FlexibleSaving')).toEqual({ rows: [{ wallet: 'EARN_FLEXIBLE', asset: 'USDT', quantity: '100.5' }], unknown: [] });
    const onChain = earnPositionSchema.parse({ list: [earnRow({ coin: 'ETH', amount: '1.5', status: 'Active' })] });
    expect(parseEarnPositions(onChain, 'OnChain').rows).toEqual([{ wallet: 'EARN_ONCHAIN', asset: 'ETH', quantity: '1.5' }]);
  });

  it('keeps a row of an unknown product type under its raw type and names it', () => {
    const r = earnPositionSchema.parse({ list: [earnRow({ amount: '10', category: 'DualAsset' })] });
    expect(parseEarnPositions(r, 'FlexibleSaving')).toEqual({ rows: [{ wallet: 'EARN:DualAsset', asset: 'USDT', quantity: '10' }], unknown: ['DualAsset'] });
  });

  it('refuses a row without an amount or with an empty one instead of reading 0', () => {
    expect(earnPositionSchema.safeParse({ list: [{ coin: 'USDT', productId: '1' }] }).success).toBe(false);
    expect(earnPositionSchema.safeParse({ list: [earnRow({ amount: '' })] }).success).toBe(false);
    expect(earnPositionSchema.safeParse({ list: [earnRow({ amount: 'abc' })] }).success).toBe(false);
  });
});

describe('Bybit position lists', () => {
  it('reads linear per settle coin the wallet names and all inverse positions in one request', () => {
    expect(positionQueries(['USDT', 'USDC', 'BTC', 'ETH'])).toEqual([{ category: 'linear', settleCoin: 'USDT' }, { category: 'linear', settleCoin: 'USDC' }, { category: 'inverse', settleCoin: null }]);
    expect(positionQueries(['USDT'])).toEqual([{ category: 'linear', settleCoin: 'USDT' }]);
    expect(positionQueries([])).toEqual([]);
    expect(positionQueries(null)).toEqual([{ category: 'linear', settleCoin: 'USDT' }, { category: 'inverse', settleCoin: null }]);
  });

  it('an inverse position settles in the coin its symbol names', () => {
    expect(inverseSettleCoin('BTCUSD')).toBe('BTC');
    expect(inverseSettleCoin('ETHUSDH26')).toBe('ETH');
    expect(inverseSettleCoin('NOTINVERSE')).toBeNull();
    const rows = parsePositions({ list: [{ symbol: 'ETHUSD', side: 'Sell', size: '100', unrealisedPnl: '0.001' }] }, 'inverse', null);
    expect(rows[0]).toMatchObject({ settleCoin: 'ETH', side: 'short', unrealisedPnl: '0.001' });
  });
});
