import { describe, expect, it } from 'vitest';
import { dec } from '../../../electron/core/portfolio/decimal.js';
import type { AssetPrice } from '../../../electron/core/portfolio/pricing.js';
import { unrealisedPnlUsdt } from '../../../electron/core/portfolio/unrealised.js';
import { summarisePortfolio } from '../../../electron/core/portfolio/valuation.js';

const price = (p: string): AssetPrice => ({ price: dec(p), change24hPct: null, sourceSymbol: 'x' });

describe('unrealised P&L in USDT', () => {
  it('converts each position from its settle coin at the current price', () => {
    const prices = new Map([['USDT', price('1')], ['USDC', price('0.9998')], ['BTC', price('90000')]]);
    const r = unrealisedPnlUsdt([
      { symbol: 'BTCUSDT', settleCoin: 'USDT', unrealisedPnl: '500' },
      { symbol: 'ETHPERP', settleCoin: 'USDC', unrealisedPnl: '-300' },
      { symbol: 'BTCUSD', settleCoin: 'BTC', unrealisedPnl: '0.0005848' },
    ], prices);
    expect(r).toEqual({ total: dec('500').minus('299.94').plus('52.632'), unpriced: [] });
  });

  it('leaves out, and names, a position whose figure or coin price is unknown (never 0)', () => {
    const r = unrealisedPnlUsdt([
      { symbol: 'XUSD', settleCoin: 'X', unrealisedPnl: '5' },
      { symbol: 'BTCUSDT', settleCoin: 'USDT', unrealisedPnl: null },
      { symbol: 'ETHUSDT', settleCoin: 'USDT', unrealisedPnl: '7' },
    ], new Map([['USDT', price('1')]]));
    expect(r.total.toString()).toBe('7');
    expect(r.unpriced).toEqual(['XUSD', 'BTCUSDT']);
  });

  it('the portfolio total is the wallet value plus it; allocation stays over the wallets', () => {
    const item = { exchangeId: 'bybit', account: 'a', asset: 'BTC', quantity: dec('1'), currentPrice: dec('100'), value: dec('100'), avgEntryPrice: null, avgEntryPartial: false,
      profitLoss: null, profitLossPercentage: null, change24hPct: null, priceSource: null, wallets: { UNIFIED: dec('1') },
      realisedPnl: null, realisedPnlPartial: false, feesPaid: null, feesPartial: false };
    const p = summarisePortfolio([item], null, dec('-25'));
    expect(p).toMatchObject({ totalValue: '75', walletValue: '100', unrealisedPnl: '-25' });
    expect(p.items[0]?.allocationPct).toBe('100');
  });
});
