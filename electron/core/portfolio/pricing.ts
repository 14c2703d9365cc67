import { CASH_ASSETS, UNIT, isCash } from './cash.js';
import { Dec, HUNDRED, ONE, ZERO } from './decimal.js';

/** One spot ticker, as the exchange reported it. */
export interface TickerQuote {
  symbol: string;
  base: string;
  quote: string;
  last: Dec | null;
  change24hPct: Dec | null;
}

/** An asset's price in USDT and where it came from. */
export interface AssetPrice {
  price: Dec;
  change24hPct: Dec | null;
  /** The ticker the price was read from; `USDT` for the unit, `par` for cash without a ticker. */
  sourceSymbol: string;
}

/** Intermediate quotes tried after a direct USDT pair, most liquid first. */
const PREFERRED_QUOTES = [...[...CASH_ASSETS].filter((a) => a !== UNIT), 'BTC', 'ETH'];

/**
 * Prices each of `assets` in USDT: the unit at 1; a direct X/USDT ticker; cash at par
 * when it has none; X/Q × Q/USDT through a quote that itself has a USDT price (cash
 * quotes first, then BTC, ETH, the rest alphabetically); finally an inverse USDT/X.
 * Assets that cannot be priced are absent from the map — unpriced, never 0.
 */
export function resolveUsdtPrices(tickers: readonly TickerQuote[], assets: readonly string[]): Map<string, AssetPrice> {
  const byBase = new Map<string, Map<string, TickerQuote>>();
  for (const t of tickers) {
    // A missing or zero last price says nothing about value; treat as no ticker.
    if (t.last === null || !t.last.gt(0)) continue;
    const quotes = byBase.get(t.base) ?? new Map<string, TickerQuote>();
    if (!quotes.has(t.quote)) quotes.set(t.quote, t);
    byBase.set(t.base, quotes);
  }

  /** USDT price from a direct pair or par, with no intermediate hop. */
  const anchor = (asset: string): AssetPrice | null => {
    if (asset === UNIT) return { price: ONE, change24hPct: ZERO, sourceSymbol: UNIT };
    const direct = byBase.get(asset)?.get(UNIT);
    if (direct?.last) return { price: direct.last, change24hPct: direct.change24hPct, sourceSymbol: direct.symbol };
    if (isCash(asset)) return { price: ONE, change24hPct: null, sourceSymbol: 'par' };
    return null;
  };

  const resolve = (asset: string): AssetPrice | null => {
    const own = anchor(asset);
    if (own !== null) return own;
    const quotes = byBase.get(asset);
    if (quotes !== undefined) {
      const rest = [...quotes.keys()].filter((q) => !PREFERRED_QUOTES.includes(q)).sort();
      for (const q of [...PREFERRED_QUOTES, ...rest]) {
        const t = quotes.get(q);
        const via = t?.last ? anchor(q) : null;
        if (!t?.last || via === null) continue;
        // Par means a constant 1, so a cross rate through it keeps the pair's own change.
        const viaChange = via.sourceSymbol === 'par' ? ZERO : via.change24hPct;
        return { price: t.last.times(via.price), change24hPct: chain(t.change24hPct, viaChange), sourceSymbol: t.symbol };
      }
    }
    const inverse = byBase.get(UNIT)?.get(asset);
    if (inverse?.last) {
      return { price: ONE.div(inverse.last), change24hPct: invert(inverse.change24hPct), sourceSymbol: inverse.symbol };
    }
    return null;
  };

  const prices = new Map<string, AssetPrice>();
  for (const asset of assets) {
    const p = resolve(asset);
    if (p !== null) prices.set(asset, p);
  }
  return prices;
}

/** Change of a product of two rates: (1+a)(1+b)−1 in percent, i.e. a + b + ab/100. */
function chain(a: Dec | null, b: Dec | null): Dec | null {
  if (a === null || b === null) return null;
  return a.plus(b).plus(a.times(b).div(HUNDRED));
}

/** Change of 1/x when x changed by c percent: 100/(100+c) − 1, in percent. */
function invert(c: Dec | null): Dec | null {
  if (c === null) return null;
  const denominator = HUNDRED.plus(c);
  return denominator.isZero() ? null : HUNDRED.div(denominator).minus(ONE).times(HUNDRED);
}
