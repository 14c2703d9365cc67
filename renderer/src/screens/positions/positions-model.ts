import type { Position } from '../../../../shared/domain.js';
import { notionalOf, roeOf } from '../../../../shared/positions.js';
import { compareDecimals, Dec, toDec } from '../../format/decimal.js';

/**
 * Unrealised P&L summed per settlement coin (USDT-margined and coin-margined positions
 * are not added together); positions with an unknown P&L are counted apart.
 */
export function pnlBySettleCoin(positions: readonly Position[]): Array<{ coin: string; total: string; unknown: number }> {
  return sumBySettleCoin(positions, (p) => p.unrealisedPnl);
}

/** Funding of the open positions' symbols per settle coin (positive received, negative paid); coins with none are left out. */
export function fundingBySettleCoin(positions: readonly Position[]): Array<{ coin: string; total: string }> {
  return sumBySettleCoin(positions, (p) => p.funding).filter((t) => t.unknown < positions.filter((p) => (p.settleCoin ?? 'USDT') === t.coin).length)
    .map(({ coin, total }) => ({ coin, total }));
}

function sumBySettleCoin(positions: readonly Position[], field: (p: Position) => string | null): Array<{ coin: string; total: string; unknown: number }> {
  const totals = new Map<string, { total: Dec; unknown: number }>();
  for (const p of positions) {
    const coin = p.settleCoin ?? 'USDT';
    const entry = totals.get(coin) ?? { total: new Dec(0), unknown: 0 };
    const pnl = toDec(field(p));
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

// Shared with the CSV export, so the file and the table agree to the last digit.
export { notionalOf, roeOf } from '../../../../shared/positions.js';

export type PositionColumn = 'symbol' | 'account' | 'side' | 'size' | 'entry' | 'mark' | 'notional' | 'margin' | 'pnl' | 'roe' | 'funding' | 'leverage' | 'liquidation';
export interface PositionSort {
  column: PositionColumn;
  direction: 'asc' | 'desc';
}

export const DEFAULT_POSITION_SORT: PositionSort = { column: 'symbol', direction: 'asc' };

const TEXT: Record<'symbol' | 'account' | 'side', (p: Position) => string> = {
  symbol: (p) => p.symbol, account: (p) => `${p.exchangeId}/${p.account}`, side: (p) => p.side,
};
const FIGURE: Record<Exclude<PositionColumn, 'symbol' | 'account' | 'side'>, (p: Position) => string | null> = {
  size: (p) => p.size, entry: (p) => p.entryPrice, mark: (p) => p.markPrice, pnl: (p) => p.unrealisedPnl,
  leverage: (p) => p.leverage, liquidation: (p) => p.liquidationPrice, notional: notionalOf, margin: (p) => p.margin, roe: roeOf, funding: (p) => p.funding,
};

/** Like the holdings table: the sorted column flips; a new one starts A–Z for names, high-to-low for figures. */
export function nextPositionSort(current: PositionSort, column: PositionColumn): PositionSort {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: column in TEXT ? 'asc' : 'desc' };
}

/**
 * A new array in the requested order: figures exactly as decimals, unknown ones last
 * either way, ties by symbol then account so the order is stable across refreshes.
 */
export function sortPositions(positions: readonly Position[], sort: PositionSort): Position[] {
  const dir = sort.direction === 'asc' ? 1 : -1;
  const tie = (a: Position, b: Position) => a.symbol.localeCompare(b.symbol) || TEXT.account(a).localeCompare(TEXT.account(b)) || a.side.localeCompare(b.side);
  if (sort.column === 'symbol' || sort.column === 'account' || sort.column === 'side') {
    const key = TEXT[sort.column];
    return [...positions].sort((a, b) => key(a).localeCompare(key(b)) * dir || tie(a, b));
  }
  const field = FIGURE[sort.column];
  const keyed = positions.map((p) => ({ p, key: toDec(field(p)) }));
  keyed.sort((a, b) => compareDecimals(a.key, b.key, dir) || tie(a.p, b.p));
  return keyed.map((k) => k.p);
}
