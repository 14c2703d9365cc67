import { describe, expect, it } from 'vitest';
import { dec } from '../../../electron/core/portfolio/decimal.js';
import { pickDisplayRates } from '../../../electron/core/portfolio/display-rates.js';
import type { TickerQuote } from '../../../electron/core/portfolio/pricing.js';

const t = (base: string, quote: string, last: string | null): TickerQuote => ({ symbol: `${base}${quote}`, base, quote, last: last === null ? null : dec(last), change24hPct: null });

describe('pickDisplayRates', () => {
  it('converts USDT through the dollar stablecoin and the euro, each against USDT only', () => {
    const rates = pickDisplayRates([t('USDC', 'EUR', '0.92'), t('USDC', 'USDT', '1.0002'), t('BTC', 'EUR', '80000'), t('USDT', 'BRL', '5.4'), t('USDT', 'EUR', '0.9201')]);
    expect(rates).toEqual({
      USD: { symbol: 'USDCUSDT', base: 'USDC', quote: 'USDT', price: '1.0002' },
      EUR: { symbol: 'USDTEUR', base: 'USDT', quote: 'EUR', price: '0.9201' },
    });
  });

  it('prefers the XUSDT pair, falls back to USDTX, and skips a pair without a positive price', () => {
    expect(pickDisplayRates([t('USDT', 'EUR', '0.92'), t('EUR', 'USDT', '1.087')]).EUR).toEqual({ symbol: 'EURUSDT', base: 'EUR', quote: 'USDT', price: '1.087' });
    expect(pickDisplayRates([t('EUR', 'USDT', '0'), t('USDT', 'EUR', null), t('USDT', 'EUR', '0.93')]).EUR?.price).toBe('0.93');
    expect(pickDisplayRates([t('USDT', 'BRL', '5.4'), t('BTC', 'EUR', '80000'), t('USDC', 'EUR', '0.92')])).toEqual({});
  });
});
