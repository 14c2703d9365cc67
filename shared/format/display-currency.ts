import type { DisplayCurrency, DisplayRates, FxRate, NetValuePoint, Portfolio, PortfolioItem } from '../domain.js';
import { toDec } from './decimal.js';

/**
 * Conversion of stored USDT figures into the display currency with the exchange's own
 * spot price. Stored figures never change: this is display only, shared by the
 * dashboard and the CLI so both show the same number.
 */

/** The unit every figure is stored in. */
export const STORED_CURRENCY = 'USDT';

/**
 * A USDT amount in the rate's other currency: times the price when USDT is the pair's
 * base (USDTEUR), divided by it when USDT is the quote (EURUSDT). Division keeps 40
 * significant digits, far beyond the cents shown. Null for an unknown amount or a rate
 * that neither starts nor ends in USDT.
 */
export function convertUsdt(value: string | null, rate: FxRate): string | null {
  const amount = toDec(value);
  const price = toDec(rate.price);
  if (amount === null || price === null || !price.gt(0)) return null;
  if (rate.base === STORED_CURRENCY) return amount.times(price).toFixed();
  if (rate.quote === STORED_CURRENCY) return amount.dividedBy(price).toFixed();
  return null;
}

/** The rate for a currency; null for USDT itself (no conversion) and when none is known. */
export function rateFor(currency: DisplayCurrency, rates: DisplayRates): FxRate | null {
  if (currency === 'USDT') return null;
  const rate = rates[currency] ?? null;
  // A rate that cannot convert (zero price, a pair without USDT) is no rate at all.
  return rate !== null && convertUsdt('1', rate) !== null ? rate : null;
}

export interface ConvertedPortfolio {
  portfolio: Portfolio;
  /** The rate used; null when the figures are USDT (asked for, or no rate known). */
  rate: FxRate | null;
  /** A currency other than USDT was asked for and no rate is stored: figures stay USDT. */
  missingRate: DisplayCurrency | null;
}

/**
 * Every money figure of a portfolio (prices, values, averages, P&L, fees) in the display
 * currency; quantities and percentages are unchanged. Without a rate the portfolio stays
 * in USDT and says which currency could not be had.
 */
export function convertPortfolio(p: Portfolio, currency: DisplayCurrency): ConvertedPortfolio {
  if (currency === 'USDT') return { portfolio: p, rate: null, missingRate: null };
  const rate = rateFor(currency, p.rates);
  if (rate === null) return { portfolio: p, rate: null, missingRate: currency };
  const c = (v: string | null) => (v === null ? null : convertUsdt(v, rate));
  const total = (v: string) => c(v) ?? v;
  const items = p.items.map((i): PortfolioItem => ({
    ...i, currentPrice: c(i.currentPrice), value: c(i.value), avgEntryPrice: c(i.avgEntryPrice), profitLoss: c(i.profitLoss),
    realisedPnl: c(i.realisedPnl), feesPaid: c(i.feesPaid),
  }));
  return {
    rate,
    missingRate: null,
    portfolio: {
      ...p, quote: currency, items, totalValue: total(p.totalValue), walletValue: total(p.walletValue), unrealisedPnl: total(p.unrealisedPnl),
      trading: p.trading && { ...p.trading, realisedPnl: total(p.trading.realisedPnl), feesPaid: total(p.trading.feesPaid) },
    },
  };
}

/** A total in the display currency, or in USDT when no rate is known (and which currency was missing). */
export interface ConvertedTotal {
  /** The amount in `currency`; null when the total itself is unknown. */
  value: string | null;
  currency: DisplayCurrency;
  /** The rate used; null for USDT. */
  rate: FxRate | null;
  /** A currency other than USDT was asked for and no rate is known: `value` is USDT. */
  missingRate: DisplayCurrency | null;
}

/**
 * One stored USDT total (the header's, the tray's) in the display currency at the
 * newest stored rate; without a rate it stays USDT and says which currency was missing.
 */
export function convertTotal(value: string | null, currency: DisplayCurrency, rates: DisplayRates): ConvertedTotal {
  if (currency === 'USDT') return { value, currency, rate: null, missingRate: null };
  const rate = rateFor(currency, rates);
  if (rate === null) return { value, currency: STORED_CURRENCY, rate: null, missingRate: currency };
  return { value: value === null ? null : convertUsdt(value, rate), currency, rate, missingRate: null };
}

/**
 * A net-value point in the display currency at the rate stored with it (its own time's
 * price, not today's); null when that point has no rate, so a chart can say so rather
 * than mix currencies.
 */
export function convertNetValuePoint(p: NetValuePoint, currency: DisplayCurrency): NetValuePoint | null {
  if (currency === 'USDT') return p;
  const rate = rateFor(currency, p.rates ?? {});
  if (rate === null) return null;
  const c = (v: string) => convertUsdt(v, rate) ?? v;
  const maybe = (v: string | null) => (v === null ? null : c(v));
  return { ...p, value: c(p.value), walletValue: c(p.walletValue), unrealisedPnl: c(p.unrealisedPnl), costBasis: maybe(p.costBasis), unrealisedSpot: maybe(p.unrealisedSpot) };
}

/** "1 EUR = 1.0842 USDT (Bybit EURUSDT)": what a converted figure rests on, for a note beside it. */
export function describeRate(currency: DisplayCurrency, rate: FxRate, formatPrice: (v: string) => string): string {
  const perUnit = rate.quote === STORED_CURRENCY ? rate.price : toDec(rate.price)?.gt(0) ? toDec('1')!.dividedBy(toDec(rate.price)!).toFixed() : rate.price;
  return `1 ${currency} = ${formatPrice(perUnit)} USDT (${rate.symbol})`;
}
