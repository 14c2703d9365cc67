import type { Scenario } from './scenario-types.js';

/**
 * A scenario with the euro pair Bybit lists for EEA users, USDT/EUR, so a display in EUR
 * has a rate; the rest of the scenario is untouched.
 */
export function withEuroPair(s: Scenario, price = '0.92'): Scenario {
  return { ...s, spot: [...s.spot, { symbol: 'USDTEUR', baseCoin: 'USDT', quoteCoin: 'EUR', status: 'Trading', lastPrice: price, tickSize: '0.0001' }] };
}
