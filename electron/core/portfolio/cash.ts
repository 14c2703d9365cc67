/** The unit every value is expressed in. */
export const UNIT = 'USDT';

/**
 * Assets counted at par with USDT (stablecoins and USD: their cost is their amount). USDT itself is listed because it, too,
 * carries no cost basis: holding the unit is not a position.
 */
export const CASH_ASSETS: ReadonlySet<string> = new Set(['USDT', 'USDC', 'USD', 'FDUSD', 'DAI']);

/** Whether `asset` is the unit or a coin counted at par with it. */
export function isCash(asset: string): boolean {
  return CASH_ASSETS.has(asset);
}
