import type { PriceStep, Scenario } from './scenario-types.js';

/**
 * A scenario with the euro pair Bybit lists for EEA users, USDT/EUR, so a display in EUR
 * has a rate; the rest of the scenario is untouched. `history` gives its past prices
 * (daily closes), `listedAt` when it opened (no candle before).
 */
export function withEuroPair(s: Scenario, price = '0.92', past: { history?: PriceStep[]; listedAt?: number } = {}): Scenario {
  return { ...s, spot: [...s.spot, { symbol: 'USDTEUR', baseCoin: 'USDT', quoteCoin: 'EUR', status: 'Trading', lastPrice: price, tickSize: '0.0001', ...past }] };
}
