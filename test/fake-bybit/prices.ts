// Price lookups over the scenario: the current price, the price at a moment (klines,
// valuation at fill time) and a coin's USDT price (wallet usdValue).
import { fromFloat, mul, placesOf } from './decimal.js';
import type { DerivativeMarket, Scenario, SpotMarket } from './scenario-types.js';

type PricedMarket = SpotMarket | DerivativeMarket;

const DAY_MS = 86_400_000;

export function tickOf(market: PricedMarket): string {
  return market.tickSize ?? defaultTick(market.lastPrice);
}

/** A tick with about six significant digits, so generated prices look like Bybit's. */
export function defaultTick(price: string): string {
  const magnitude = Math.floor(Math.log10(Math.max(Number(price), 1e-12)));
  const places = Math.max(0, Math.min(10, 5 - magnitude));
  return places === 0 ? '1' : `0.${'0'.repeat(places - 1)}1`;
}

/** The market's price at `time`: step history, else the wave, else always lastPrice. */
export function priceAt(market: PricedMarket, time: number): string {
  const { history, wave } = market;
  if (history && history.length > 0) {
    let price = history[0]?.price ?? market.lastPrice;
    for (const step of history) {
      if (step.from <= time) price = step.price;
    }
    return price;
  }
  if (wave) {
    const angle = (2 * Math.PI * time) / (wave.periodDays * DAY_MS) + wave.phase;
    const factor = 1 + wave.amplitude * Math.sin(angle);
    return fromFloat(Number(market.lastPrice) * factor, placesOf(tickOf(market)));
  }
  return market.lastPrice;
}

function spotPrice(scenario: Scenario, base: string, quote: string, time: number | undefined): string | null {
  const market = scenario.spot.find((m) => m.baseCoin === base && m.quoteCoin === quote && m.status === 'Trading');
  if (!market) return null;
  return time === undefined ? market.lastPrice : priceAt(market, time);
}

/**
 * A coin's price in USDT, now or at `time`: direct USDT pair, else via USDC, else via BTC.
 * Null when the coin has no route to USDT (the unpriced coin of the scenarios).
 */
export function usdtPrice(scenario: Scenario, coin: string, time?: number): string | null {
  if (coin === 'USDT') return '1';
  const direct = spotPrice(scenario, coin, 'USDT', time);
  if (direct !== null) return direct;
  for (const via of ['USDC', 'BTC']) {
    const leg = spotPrice(scenario, coin, via, time);
    const viaPrice = leg === null ? null : usdtPrice(scenario, via, time);
    if (leg !== null && viaPrice !== null) return mul(leg, viaPrice);
  }
  return null;
}

export function derivativeMarkPrice(market: DerivativeMarket): string {
  return market.markPrice ?? market.lastPrice;
}

/** Deterministic 32-bit hash, for figures that only need to look plausible (volumes, ids). */
export function hash32(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
