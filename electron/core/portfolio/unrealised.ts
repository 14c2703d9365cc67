import { dec, ZERO, type Dec } from './decimal.js';
import type { AssetPrice } from './pricing.js';

/** An open derivatives position's unrealised P&L, in the coin it settles in. */
export interface OpenPnl {
  symbol: string;
  settleCoin: string | null;
  unrealisedPnl: string | null;
}

/**
 * The unrealised P&L of open positions in USDT: each position's figure is in its
 * settle coin (USDT, USDC, or the coin of an inverse contract) and is converted at
 * that coin's current USDT price. Wallet balances exclude it (Bybit's walletBalance;
 * equity is walletBalance + unrealised P&L), so adding it counts nothing twice. A
 * position whose figure or coin price is unknown is left out and named in `unpriced`,
 * never counted as 0.
 */
export function unrealisedPnlUsdt(positions: readonly OpenPnl[], prices: ReadonlyMap<string, AssetPrice>): { total: Dec; unpriced: string[] } {
  let total = ZERO;
  const unpriced: string[] = [];
  for (const p of positions) {
    const price = p.settleCoin === null ? null : prices.get(p.settleCoin)?.price ?? null;
    if (p.unrealisedPnl === null || price === null) {
      unpriced.push(p.symbol);
      continue;
    }
    total = total.plus(dec(p.unrealisedPnl).times(price));
  }
  return { total, unpriced };
}
