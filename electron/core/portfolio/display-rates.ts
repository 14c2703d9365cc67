import type { DisplayCurrency } from '../../../shared/domain.js';
import { UNIT } from './cash.js';
import type { TickerQuote } from './pricing.js';

/** A stored conversion rate: the spot pair and its last price, as the exchange listed it. */
export interface StoredRate {
  symbol: string;
  base: string;
  quote: string;
  price: string;
}

export type StoredRates = Partial<Record<Exclude<DisplayCurrency, 'USDT'>, StoredRate>>;

/**
 * Which asset stands for each display currency on an exchange: a dollar stablecoin for
 * USD (Bybit lists no USDT/USD pair; USDC is the dollar it quotes against USDT), the
 * fiat euro for EUR.
 */
const STANDS_FOR: Record<Exclude<DisplayCurrency, 'USDT'>, string> = { USD: 'USDC', EUR: 'EUR' };

/**
 * The exchange's own spot prices that convert USDT into each display currency, from the
 * same tickers the sync priced the holdings with: `XUSDT` (X is the base) first, else
 * `USDTX`. A currency without a listed pair, or with no positive last price, is left
 * out: figures then stay in USDT and the window says why, never a guessed rate.
 */
export function pickDisplayRates(tickers: readonly TickerQuote[]): StoredRates {
  const out: StoredRates = {};
  for (const [currency, asset] of Object.entries(STANDS_FOR) as Array<[keyof StoredRates, string]>) {
    const usable = (t: TickerQuote) => t.last !== null && t.last.gt(0);
    const pair = tickers.find((t) => t.base === asset && t.quote === UNIT && usable(t)) ?? tickers.find((t) => t.base === UNIT && t.quote === asset && usable(t));
    if (pair?.last) out[currency] = { symbol: pair.symbol, base: pair.base, quote: pair.quote, price: pair.last.toString() };
  }
  return out;
}
