import type { z } from 'zod';
import { dec, HUNDRED } from '../../portfolio/decimal.js';
import type { TickerQuote } from '../../portfolio/pricing.js';
import type { BalanceRow, FillRow, PositionRow, SpotMarket } from '../types.js';
import type { fundingBalanceSchema, OkxFillRaw, positionsSchema, savingsBalanceSchema, tickersSchema, tradingBalanceSchema } from './okx-schemas.js';

/** The wallet names OKX balances are stored under. */
export const OKX_WALLETS = { trading: 'TRADING', funding: 'FUNDING', savings: 'EARN_SAVINGS' } as const;

const isZero = (s: string | undefined) => s === undefined || s === '' || dec(s).isZero();
const orNull = (s: string | undefined) => (s === undefined || s === '' ? null : dec(s).toString());

/** Spot tickers; the 24 h change is measured from `open24h`, OKX's price 24 hours ago. */
export function parseTickers(data: z.infer<typeof tickersSchema>, markets: ReadonlyMap<string, SpotMarket>): TickerQuote[] {
  return data.flatMap((t) => {
    const m = markets.get(t.instId);
    if (!m) return [];
    const last = t.last === '' ? null : dec(t.last);
    const open = t.open24h === undefined || isZero(t.open24h) ? null : dec(t.open24h);
    return [{ symbol: t.instId, base: m.base, quote: m.quote, last, change24hPct: last && open ? last.div(open).minus(1).times(HUNDRED) : null }];
  });
}

/**
 * Trading-account rows from `cashBal`: the balance without unrealised P&L, as Bybit's
 * wallet balance is. Positions bring their unrealised P&L separately, so `eq` (which
 * includes it) would count it twice.
 */
export function parseTradingBalance(data: z.infer<typeof tradingBalanceSchema>): BalanceRow[] {
  return data.flatMap((a) => a.details).filter((d) => !isZero(d.cashBal))
    .map((d) => ({ wallet: OKX_WALLETS.trading, asset: d.ccy, quantity: dec(d.cashBal).toString() }));
}

export function parseFundingBalance(data: z.infer<typeof fundingBalanceSchema>): BalanceRow[] {
  return data.filter((b) => !isZero(b.bal)).map((b) => ({ wallet: OKX_WALLETS.funding, asset: b.ccy, quantity: dec(b.bal).toString() }));
}

/** Simple Earn (savings): `amt` is the amount lent, earnings included once credited. */
export function parseSavingsBalance(data: z.infer<typeof savingsBalanceSchema>): BalanceRow[] {
  return data.filter((b) => !isZero(b.amt)).map((b) => ({ wallet: OKX_WALLETS.savings, asset: b.ccy, quantity: dec(b.amt).toString() }));
}

/** Contract value per SWAP/FUTURES instrument id, as "0.01". */
export type ContractValues = ReadonlyMap<string, string>;

/**
 * Open positions. In net mode `pos` is signed (negative = short); in long/short mode
 * `posSide` says. SWAP and FUTURES sizes come in contracts and are turned into the
 * contract's currency (coins for a linear contract, USD for an inverse one, as Bybit
 * reports sizes); without a known contract value the size stays in contracts. The
 * unrealised P&L is in `ccy`, the margin currency, which the portfolio prices.
 */
export function parsePositions(data: z.infer<typeof positionsSchema>, contracts: ContractValues = new Map()): PositionRow[] {
  return data.filter((p) => !isZero(p.pos)).map((p) => {
    const ctVal = contracts.get(p.instId);
    const pos = ctVal === undefined ? dec(p.pos) : dec(p.pos).times(ctVal);
    const side = p.posSide === 'short' || (p.posSide === 'net' && pos.isNegative()) ? 'short' : 'long';
    return {
      category: p.instType.toLowerCase(), symbol: p.instId, side, size: pos.abs().toString(),
      entryPrice: orNull(p.avgPx), markPrice: orNull(p.markPx), unrealisedPnl: orNull(p.upl),
      leverage: orNull(p.lever), liquidationPrice: orNull(p.liqPx), settleCoin: p.ccy || null,
      margin: orNull(p.imr) ?? orNull(p.margin),
    };
  });
}

/**
 * A spot fill. OKX signs fees from the account's side: negative is charged, positive a
 * rebate; FillRow's fee is what was paid, so the sign flips. The bill id is unique per
 * account (trade ids repeat across instruments).
 */
export function toFillRow(f: OkxFillRaw, markets: ReadonlyMap<string, SpotMarket>): FillRow | null {
  const m = markets.get(f.instId);
  if (!m) return null;
  const fee = f.fee === '' ? null : dec(f.fee).negated().toString();
  return {
    fillId: f.billId, orderId: f.ordId || null, category: 'spot', symbol: f.instId, base: m.base, quote: m.quote,
    side: f.side, price: dec(f.fillPx).toString(), quantity: dec(f.fillSz).toString(), fee, feeCurrency: fee === null ? null : f.feeCcy,
    feeUsdtRate: null, quoteUsdtRate: null, executedAt: new Date(Number(f.ts)),
  };
}
