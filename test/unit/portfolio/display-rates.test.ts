import { describe, expect, it } from 'vitest';
import { dec } from '../../../electron/core/portfolio/decimal.js';
import { dailyDisplayRates, displayRatePairs, pickDisplayRates } from '../../../electron/core/portfolio/display-rates.js';
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

describe('displayRatePairs', () => {
  const m = (base: string, quote: string) => ({ symbol: `${base}${quote}`, base, quote });

  it('picks the same pair a sync prices with: XUSDT first, else USDTX; none when neither is listed', () => {
    expect(displayRatePairs([m('USDC', 'EUR'), m('USDT', 'EUR'), m('EUR', 'USDT'), m('USDC', 'USDT'), m('BTC', 'USDT')])).toEqual({
      USD: { symbol: 'USDCUSDT', base: 'USDC', quote: 'USDT' }, EUR: { symbol: 'EURUSDT', base: 'EUR', quote: 'USDT' },
    });
    expect(displayRatePairs([m('USDT', 'EUR'), m('USDT', 'USDC')])).toEqual({
      USD: { symbol: 'USDTUSDC', base: 'USDT', quote: 'USDC' }, EUR: { symbol: 'USDTEUR', base: 'USDT', quote: 'EUR' },
    });
    expect(displayRatePairs([m('BTC', 'EUR'), m('USDC', 'BTC'), m('EUR', 'USDC')])).toEqual({});
  });
});

describe('dailyDisplayRates', () => {
  const usd = { symbol: 'USDCUSDT', base: 'USDC', quote: 'USDT' };
  const eur = { symbol: 'USDTEUR', base: 'USDT', quote: 'EUR' };

  it('gives each day the closes its pairs have that day, and nothing for a day without', () => {
    const closes = new Map([
      ['USDCUSDT', new Map([[0, '1.0001'], [1, '0.9999']])],
      ['USDTEUR', new Map([[1, '0.92']])],
      ['BTCUSDT', new Map([[0, '90000']])],
    ]);
    expect(dailyDisplayRates({ USD: usd, EUR: eur }, closes)).toEqual(new Map([
      [0, { USD: { ...usd, price: '1.0001' } }],
      [1, { USD: { ...usd, price: '0.9999' }, EUR: { ...eur, price: '0.92' } }],
    ]));
  });

  it('skips a close that is zero, negative or not a number, and a pair with no closes at all', () => {
    const closes = new Map([['USDTEUR', new Map([[0, '0'], [1, '-0.5'], [2, 'n/a'], [3, '0.0001']])]]);
    expect(dailyDisplayRates({ USD: usd, EUR: eur }, closes)).toEqual(new Map([[3, { EUR: { ...eur, price: '0.0001' } }]]));
    expect(dailyDisplayRates({}, closes)).toEqual(new Map());
  });
});
