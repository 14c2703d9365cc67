// The account's equity as Bybit would total it: every wallet at its coins' USDT
// prices, trading wallets at equity (wallet balance + unrealised P&L of the open
// positions settled in the coin), Earn positions included. Tests compare the app's
// total with this figure.
import { add, mul, sum } from './decimal.js';
import { isOpen, positionFigures } from './positions.js';
import { usdtPrice } from './prices.js';
import type { Scenario } from './scenario-types.js';

/** Coin → quantity at equity, over every wallet and Earn position. */
export function equityByCoin(scenario: Scenario): Map<string, string> {
  const out = new Map<string, string>();
  const put = (coin: string, q: string) => out.set(coin, add(out.get(coin) ?? '0', q));
  const trading = scenario.accountMode === 'uta' ? scenario.wallets.UNIFIED : [...scenario.wallets.SPOT, ...scenario.wallets.CONTRACT];
  for (const c of trading) put(c.coin, c.walletBalance);
  for (const c of scenario.wallets.FUND) put(c.coin, c.walletBalance);
  for (const e of scenario.earn ?? []) put(e.coin, e.amount);
  for (const p of scenario.positions.filter(isOpen)) {
    const f = positionFigures(scenario, p);
    put(f.settleCoin, f.unrealisedPnl);
  }
  return out;
}

/** Total equity in USDT; coins with no USDT price are left out (Bybit values them at 0). */
export function accountEquity(scenario: Scenario): string {
  return sum([...equityByCoin(scenario)].map(([coin, q]) => {
    const price = usdtPrice(scenario, coin);
    return price === null ? '0' : mul(q, price);
  }));
}
