import type { DisplayCurrency } from '../../../shared/domain.js';
import { UNIT } from './cash.js';
import { dec } from './decimal.js';
import type { TickerQuote } from './pricing.js';

/** A stored conversion rate: the spot pair and its last price, as the exchange listed it. */
export interface StoredRate {
  symbol: string;
  base: string;
  quote: string;
  price: string;
}

export type StoredRates = Partial<Record<Exclude<DisplayCurrency, 'USDT'>, StoredRate>>;

type Converted = keyof StoredRates;

/** A spot pair as the exchange names it. */
interface Pair {
  symbol: string;
  base: string;
  quote: string;
}

/**
 * Which asset stands for each display currency on an exchange: a dollar stablecoin for
 * USD (Bybit lists no USDT/USD pair; USDC is the dollar it quotes against USDT), the
 * fiat euro for EUR.
 */
const STANDS_FOR: Record<Converted, string> = { USD: 'USDC', EUR: 'EUR' };

/** `XUSDT` (X is the base) first, else `USDTX`: the one pair that converts USDT into X. */
function pairOf<P extends Pair>(asset: string, pairs: readonly P[]): P | undefined {
  return pairs.find((p) => p.base === asset && p.quote === UNIT) ?? pairs.find((p) => p.base === UNIT && p.quote === asset);
}

/**
 * The exchange's own spot prices that convert USDT into each display currency, from the
 * same tickers the sync priced the holdings with: `XUSDT` (X is the base) first, else
 * `USDTX`. A currency without a listed pair, or with no positive last price, is left
 * out: figures then stay in USDT and the window says why, never a guessed rate.
 */
export function pickDisplayRates(tickers: readonly TickerQuote[]): StoredRates {
  const usable = tickers.filter((t) => t.last !== null && t.last.gt(0));
  const out: StoredRates = {};
  for (const [currency, asset] of Object.entries(STANDS_FOR) as Array<[Converted, string]>) {
    const pair = pairOf(asset, usable);
    if (pair?.last) out[currency] = { symbol: pair.symbol, base: pair.base, quote: pair.quote, price: pair.last.toString() };
  }
  return out;
}

/**
 * The listed spot pair of each display currency, chosen as {@link pickDisplayRates}
 * chooses among tickers, for reading past prices of the same pair (daily closes for a
 * reconstructed history). A currency without a listed pair is absent.
 */
export function displayRatePairs(markets: readonly Pair[]): Partial<Record<Converted, Pair>> {
  const out: Partial<Record<Converted, Pair>> = {};
  for (const [currency, asset] of Object.entries(STANDS_FOR) as Array<[Converted, string]>) {
    const pair = pairOf(asset, markets);
    if (pair) out[currency] = { symbol: pair.symbol, base: pair.base, quote: pair.quote };
  }
  return out;
}

/**
 * Each day's rates from the pairs' daily closes: a day gets a currency only where its
 * pair has a positive close that day (a pair listed later leaves the earlier days
 * without, and the chart says so rather than guess).
 */
export function dailyDisplayRates(pairs: Partial<Record<Converted, Pair>>, closes: ReadonlyMap<string, ReadonlyMap<number, string>>): Map<number, StoredRates> {
  const out = new Map<number, StoredRates>();
  for (const [currency, pair] of Object.entries(pairs) as Array<[Converted, Pair]>) {
    const byDay = closes.get(pair.symbol);
    if (byDay === undefined) continue;
    for (const [day, close] of byDay) {
      if (!positive(close)) continue;
      const rates = out.get(day) ?? {};
      rates[currency] = { ...pair, price: close };
      out.set(day, rates);
    }
  }
  return out;
}

function positive(value: string): boolean {
  try {
    return dec(value).gt(0);
  } catch {
    return false;
  }
}
