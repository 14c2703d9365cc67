import type { Position } from '../../../../shared/domain.js';
import { Dec, toDec } from '../../format/decimal.js';

/**
 * Unrealised P&L summed per settlement coin (USDT-margined and coin-margined positions
 * are not added together); positions with an unknown P&L are counted apart.
 */
export function pnlBySettleCoin(positions: readonly Position[]): Array<{ coin: string; total: string; unknown: number }> {
  const totals = new Map<string, { total: Dec; unknown: number }>();
  for (const p of positions) {
    const coin = p.settleCoin ?? 'USDT';
    const entry = totals.get(coin) ?? { total: new Dec(0), unknown: 0 };
    const pnl = toDec(p.unrealisedPnl);
    if (pnl === null) entry.unknown += 1;
    else entry.total = entry.total.plus(pnl);
    totals.set(coin, entry);
  }
  return [...totals].sort((a, b) => a[0].localeCompare(b[0])).map(([coin, e]) => ({ coin, total: e.total.toFixed(), unknown: e.unknown }));
}

/** "10×" for a leverage figure, "—" when unknown. */
export function formatLeverage(value: string | null, format: (v: string) => string): string {
  const d = toDec(value);
  return d === null ? '—' : `${format(d.toFixed())}×`;
}

const DOLLAR_COINS: ReadonlySet<string> = new Set(['USDT', 'USDC', 'USD', 'FDUSD', 'DAI']);

/**
 * A P&L in its settlement coin: cents for dollar coins, up to eight decimals for coins
 * such as BTC, where 0.000268 must not round to 0.00.
 */
export function formatPnl(value: string, settleCoin: string | null, fmt: { amount: (v: string) => string; quantity: (v: string) => string }): string {
  const coin = settleCoin ?? 'USDT';
  return `${DOLLAR_COINS.has(coin) ? fmt.amount(value) : fmt.quantity(value)} ${coin}`;
}
