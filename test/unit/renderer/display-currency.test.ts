import { describe, expect, it } from 'vitest';
import type { FxRate, Portfolio } from '../../../shared/domain.js';
import { convertNetValuePoint, convertPortfolio, convertTotal, convertUsdt, describeRate, rateFor } from '../../../shared/format/display-currency.js';
import { pickDisplayRates } from '../../../electron/core/portfolio/display-rates.js';
import { dec } from '../../../electron/core/portfolio/decimal.js';
import { item } from './fixtures.js';

const at = '2026-12-01T10:00:00.000Z';
const eurBase: FxRate = { symbol: 'EURUSDT', base: 'EUR', quote: 'USDT', price: '1.08', at };
const usdtBase: FxRate = { symbol: 'USDTEUR', base: 'USDT', quote: 'EUR', price: '0.92', at };
const usdc: FxRate = { symbol: 'USDCUSDT', base: 'USDC', quote: 'USDT', price: '0.9998', at };

describe('USDT to a display currency', () => {
  it('divides by the price when the currency is the base, multiplies when USDT is, exactly', () => {
    expect(convertUsdt('108', eurBase)).toBe('100');
    expect(convertUsdt('0.1', usdtBase)).toBe('0.092');
    // 62,605.922 × 0.92 — a float would drift in the last places.
    expect(convertUsdt('62605.922', usdtBase)).toBe('57597.44824');
    expect(convertUsdt('-10', usdtBase)).toBe('-9.2');
    expect(convertUsdt('1', usdc)).toBe(dec('1').div('0.9998').toString());
  });

  it('refuses what it cannot convert: unknown amounts, zero prices, pairs without USDT', () => {
    expect(convertUsdt(null, eurBase)).toBeNull();
    expect(convertUsdt('1', { ...eurBase, price: '0' })).toBeNull();
    expect(convertUsdt('1', { ...eurBase, base: 'EUR', quote: 'USDC' })).toBeNull();
    expect(rateFor('EUR', { EUR: { ...eurBase, price: '0' } })).toBeNull();
    expect(rateFor('USDT', { EUR: eurBase })).toBeNull();
  });

  const portfolio: Portfolio = {
    asOf: at, quote: 'USDT', rates: { EUR: usdtBase }, totalValue: '1100', walletValue: '1000', unrealisedPnl: '100', unpricedAssets: 0,
    trading: { depositCostBasis: 'unknown', realisedPnl: '50', realisedPnlPartial: false, feesPaid: '5', feesPartial: true },
    items: [item({ asset: 'BTC', quantity: '0.01', currentPrice: '100000', value: '1000', avgEntryPrice: '50000', profitLoss: '500', profitLossPercentage: '100',
      realisedPnl: '50', feesPaid: '5', allocationPct: '100', change24hPct: '1.5' })],
  };

  it('converts every money figure of a portfolio and leaves quantities and percentages alone', () => {
    const { portfolio: p, rate, missingRate } = convertPortfolio(portfolio, 'EUR');
    expect([rate, missingRate]).toEqual([usdtBase, null]);
    expect(p).toMatchObject({ quote: 'EUR', totalValue: '1012', walletValue: '920', unrealisedPnl: '92', trading: { realisedPnl: '46', feesPaid: '4.6', feesPartial: true } });
    expect(p.items[0]).toMatchObject({
      quantity: '0.01', currentPrice: '92000', value: '920', avgEntryPrice: '46000', profitLoss: '460', realisedPnl: '46', feesPaid: '4.6',
      profitLossPercentage: '100', allocationPct: '100', change24hPct: '1.5',
    });
    // Stored figures are untouched.
    expect(portfolio.items[0]!.value).toBe('1000');
  });

  it('converts a net-value point\'s cost of holdings and their P&L at its own rate; unknown stays unknown', () => {
    const p = { t: at, value: '1100', walletValue: '1000', unrealisedPnl: '100', source: 'sync' as const, estimated: false, rates: { EUR: usdtBase },
      costBasis: '800', unrealisedSpot: '-50', costPartial: true };
    expect(convertNetValuePoint(p, 'EUR')).toMatchObject({ value: '1012', costBasis: '736', unrealisedSpot: '-46', costPartial: true });
    expect(convertNetValuePoint({ ...p, costBasis: null, unrealisedSpot: null }, 'EUR')).toMatchObject({ costBasis: null, unrealisedSpot: null });
  });

  it('without a rate the figures stay in USDT and say which currency was missing', () => {
    const r = convertPortfolio(portfolio, 'USD');
    expect(r.portfolio).toBe(portfolio);
    expect([r.rate, r.missingRate]).toEqual([null, 'USD']);
    expect(convertPortfolio(portfolio, 'USDT')).toEqual({ portfolio, rate: null, missingRate: null });
  });

  it('describes the rate as one unit of the currency in USDT', () => {
    expect(describeRate('EUR', eurBase, (v) => v)).toBe('1 EUR = 1.08 USDT (EURUSDT)');
    expect(describeRate('EUR', { ...usdtBase, price: '0.8' }, (v) => v)).toBe('1 EUR = 1.25 USDT (USDTEUR)');
  });
});

describe('rates picked from the exchange\'s spot tickers', () => {
  const t = (symbol: string, base: string, quote: string, last: string | null) => ({ symbol, base, quote, last: last === null ? null : dec(last), change24hPct: null });
  it('takes USDCUSDT for USD and EURUSDT, else USDTEUR, for EUR', () => {
    expect(pickDisplayRates([t('BTCUSDT', 'BTC', 'USDT', '90000'), t('USDCUSDT', 'USDC', 'USDT', '0.9998'), t('USDTEUR', 'USDT', 'EUR', '0.92')])).toEqual({
      USD: { symbol: 'USDCUSDT', base: 'USDC', quote: 'USDT', price: '0.9998' },
      EUR: { symbol: 'USDTEUR', base: 'USDT', quote: 'EUR', price: '0.92' },
    });
    expect(pickDisplayRates([t('USDTEUR', 'USDT', 'EUR', '0.92'), t('EURUSDT', 'EUR', 'USDT', '1.08')]).EUR?.symbol).toBe('EURUSDT');
  });
  it('leaves a currency out when its pair is missing or has no price, never guessing', () => {
    expect(pickDisplayRates([t('EURUSDT', 'EUR', 'USDT', '0'), t('USDCUSDT', 'USDC', 'USDT', null)])).toEqual({});
  });
});

describe('a total in the display currency (header, tray)', () => {
  it('converts at the newest stored rate and names the currency', () => {
    expect(convertTotal('62605.922', 'EUR', { EUR: usdtBase })).toEqual({ value: '57597.44824', currency: 'EUR', rate: usdtBase, missingRate: null });
    expect(convertTotal('108', 'EUR', { EUR: eurBase, USD: usdc })).toMatchObject({ value: '100', currency: 'EUR' });
    expect(convertTotal('99.98', 'USD', { USD: usdc })).toMatchObject({ value: '100', currency: 'USD' });
  });

  it('stays USDT when asked, and when no usable rate is known says which currency is missing', () => {
    expect(convertTotal('10', 'USDT', { EUR: eurBase })).toEqual({ value: '10', currency: 'USDT', rate: null, missingRate: null });
    expect(convertTotal('10', 'USD', { EUR: eurBase })).toEqual({ value: '10', currency: 'USDT', rate: null, missingRate: 'USD' });
    expect(convertTotal('10', 'EUR', { EUR: { ...eurBase, price: '0' } })).toEqual({ value: '10', currency: 'USDT', rate: null, missingRate: 'EUR' });
    expect(convertTotal(null, 'EUR', { EUR: eurBase })).toEqual({ value: null, currency: 'EUR', rate: eurBase, missingRate: null });
  });
});
