import type { Position } from './domain.js';
import { Dec, toDec } from './format/decimal.js';

/**
 * Figures derived from a stored position, the same on the Positions screen and in its
 * CSV export: exact decimals, null when an input is unknown.
 */

/**
 * What the position is worth at the mark price, in its settle coin: size × mark for a
 * linear contract (size in the base coin), size ÷ mark for an inverse one (size in USD
 * contracts, settled in the base coin). Null without a mark price.
 */
export function notionalOf(p: Pick<Position, 'category' | 'size' | 'markPrice'>): string | null {
  const mark = toDec(p.markPrice);
  if (mark === null || !mark.gt(0)) return null;
  return p.category === 'inverse' ? new Dec(p.size).dividedBy(mark).toFixed() : mark.times(p.size).toFixed();
}

/** Return on the margin put up: unrealised P&L ÷ initial margin, in percent; null when either is unknown or the margin is zero. */
export function roeOf(p: Pick<Position, 'unrealisedPnl' | 'margin'>): string | null {
  const pnl = toDec(p.unrealisedPnl);
  const margin = toDec(p.margin);
  if (pnl === null || margin === null || margin.isZero()) return null;
  return pnl.dividedBy(margin).times(100).toFixed();
}
