import { describe, expect, it } from 'vitest';
import { splitDerivative, toDerivativeFill } from '../../../electron/core/exchange/bybit/bybit-history.js';

describe('derivative symbols', () => {
  it.each([
    ['BTCUSDT', 'linear', 'BTC', 'USDT'],
    ['1000PEPEUSDT', 'linear', '1000PEPE', 'USDT'],
    ['ETHPERP', 'linear', 'ETH', 'USDC'],
    ['BTC-27DEC24', 'linear', 'BTC', 'USDC'],
    ['BTCUSDT-27DEC24', 'linear', 'BTC', 'USDT'],
    ['BTCUSD', 'inverse', 'BTC', 'USD'],
    ['ETHUSDH25', 'inverse', 'ETH', 'USD'],
  ] as const)('%s (%s) → %s / %s', (symbol, category, base, quote) => {
    expect(splitDerivative(symbol, category)).toEqual({ base, quote });
  });

  it('charges the fee in the settle coin when Bybit leaves feeCurrency empty', () => {
    const e = { symbol: 'BTCUSD', side: 'Sell' as const, execId: 'x', execPrice: '84000', execQty: '1000', execFee: '0.00000655', feeCurrency: '', execTime: '1700000000000' };
    expect(toDerivativeFill(e, 'inverse')).toMatchObject({ category: 'inverse', base: 'BTC', quote: 'USD', side: 'sell', fee: '0.00000655', feeCurrency: 'BTC' });
    expect(toDerivativeFill({ ...e, symbol: 'ETHPERP', execFee: '0.1' }, 'linear')).toMatchObject({ feeCurrency: 'USDC', fee: '0.1' });
    expect(toDerivativeFill({ ...e, execFee: '' }, 'inverse')).toMatchObject({ fee: null, feeCurrency: null });
  });
});
