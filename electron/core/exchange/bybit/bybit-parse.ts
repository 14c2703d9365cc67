import type { z } from 'zod';
import { dec, HUNDRED } from '../../portfolio/decimal.js';
import type { TickerQuote } from '../../portfolio/pricing.js';
import type { BalanceRow, PositionRow, SpotMarket } from '../types.js';
import type { fundBalanceSchema, positionListSchema, tickersSchema, walletBalanceSchema } from './bybit-schemas.js';

const isZero = (s: string | undefined) => s === undefined || s === '' || dec(s).isZero();

/** Spot tickers with base/quote from the markets; price24hPcnt is a fraction ("0.0123" = 1.23 %). */
export function parseTickers(result: z.infer<typeof tickersSchema>, markets: ReadonlyMap<string, SpotMarket>): TickerQuote[] {
  const out: TickerQuote[] = [];
  for (const t of result.list) {
    const m = markets.get(t.symbol);
    if (!m) continue;
    out.push({
      symbol: t.symbol, base: m.base, quote: m.quote,
      last: t.lastPrice === '' ? null : dec(t.lastPrice),
      change24hPct: t.price24hPcnt === undefined || t.price24hPcnt === '' ? null : dec(t.price24hPcnt).times(HUNDRED),
    });
  }
  return out;
}

/** Wallet rows (quantity = wallet balance) and the coins that back open positions. */
export function parseWalletBalance(result: z.infer<typeof walletBalanceSchema>): { rows: BalanceRow[]; positionCoins: string[] } {
  const rows: BalanceRow[] = [];
  const positionCoins: string[] = [];
  for (const account of result.list) {
    for (const c of account.coin) {
      if (!isZero(c.walletBalance)) rows.push({ wallet: account.accountType, asset: c.coin, quantity: dec(c.walletBalance).toString() });
      if (!isZero(c.totalPositionIM)) positionCoins.push(c.coin);
    }
  }
  return { rows, positionCoins };
}

export function parseFundBalance(result: z.infer<typeof fundBalanceSchema>): BalanceRow[] {
  return result.balance.filter((b) => !isZero(b.walletBalance)).map((b) => ({ wallet: 'FUND', asset: b.coin, quantity: dec(b.walletBalance).toString() }));
}

const orNull = (s: string | undefined) => (s === undefined || s === '' ? null : dec(s).toString());

/**
 * An inverse contract settles in its base coin: BTCUSD (perpetual) and BTCUSDH26
 * (futures) in BTC. Inverse positions are read in one request without a settle coin,
 * so the coin comes from the symbol.
 */
export function inverseSettleCoin(symbol: string): string | null {
  return /^([A-Z0-9]+?)USD(?:[A-Z]\d{2})?$/.exec(symbol)?.[1] ?? null;
}

export function parsePositions(result: z.infer<typeof positionListSchema>, category: string, settleCoin: string | null): PositionRow[] {
  return result.list.filter((p) => !isZero(p.size)).map((p) => ({
    category, symbol: p.symbol, side: p.side === 'Sell' ? 'short' : 'long', size: dec(p.size).toString(),
    entryPrice: orNull(p.avgPrice), markPrice: orNull(p.markPrice), unrealisedPnl: orNull(p.unrealisedPnl),
    leverage: orNull(p.leverage), liquidationPrice: orNull(p.liqPrice), margin: orNull(p.positionIM),
    settleCoin: settleCoin ?? (category === 'inverse' ? inverseSettleCoin(p.symbol) : null),
  }));
}
