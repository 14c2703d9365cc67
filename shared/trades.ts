import { z } from 'zod';
import { isoWhen as when } from './when.js';

/**
 * The trades list: every fill (spot and derivatives), paged, sorted and filtered by the
 * database. Shared by the core's `trades:list` handler and the renderer's Trades screen.
 */

/** Columns the list sorts by; each maps to one indexed or cheap SQL expression. */
export const TRADE_SORTS = ['time', 'account', 'pair', 'category', 'side', 'price', 'quantity', 'fee', 'pnl'] as const;
export type TradeSort = (typeof TRADE_SORTS)[number];

export const TRADE_CATEGORIES = ['spot', 'linear', 'inverse'] as const;

/** The most rows one call returns: a screenful or two, never the whole table. */
export const TRADES_MAX_LIMIT = 500;

// An asset or pair, as typed: "btc" finds BTCUSDT, ETHBTC and BTCUSD.
const search = z.string().trim().max(32, 'the search is longer than any pair').regex(/^[A-Za-z0-9./:_-]*$/, 'letters, digits and . / : _ - only').default('');

/** The Trades screen's filter beyond account and dates, as `export:csv` takes it for trades. */
export const tradesExportFilter = z.object({
  search,
  side: z.enum(['buy', 'sell']).nullable().default(null),
  category: z.enum(TRADE_CATEGORIES).nullable().default(null),
}).strict();
export type TradesExportFilter = z.output<typeof tradesExportFilter>;

/** `trades:list` input; every field has a default, so `{}` lists the newest fills first. */
export const tradesListInput = z.object({
  account: z.object({ exchangeId: z.string().min(1).max(32), account: z.string().min(1).max(64) }).strict().nullable().default(null),
  ...tradesExportFilter.shape,
  from: when.nullable().default(null),
  to: when.nullable().default(null),
  sort: z.enum(TRADE_SORTS).default('time'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().min(0).max(100_000_000).default(0),
  limit: z.number().int().min(1).max(TRADES_MAX_LIMIT).default(100),
}).strict();

export type TradesListInput = z.input<typeof tradesListInput>;
export type TradesQuery = z.output<typeof tradesListInput>;

/** One fill as the Trades screen shows it; decimals as strings, null where unknown. */
export interface TradeRow {
  /** The row's stable key (the database id). */
  id: string;
  time: string;
  exchangeId: string;
  account: string;
  category: string;
  symbol: string;
  base: string;
  quote: string;
  side: 'buy' | 'sell';
  price: string;
  quantity: string;
  fee: string | null;
  feeCurrency: string | null;
  /** The fee in USDT at the fill's minute; null when no price was had (or not booked yet). */
  feeUsdt: string | null;
  /** Spot: what the fill realised (null: a price or cost was unknown, or not booked yet); derivatives: null (see closed P&L). */
  realisedPnl: string | null;
  /** Whether the cost basis has booked this fill (spot only). */
  booked: boolean;
  /** The exchange's execution id. */
  fillId: string;
}

/** One page of the list and how many fills match the filter in all. */
export interface TradesPage {
  rows: TradeRow[];
  total: number;
  offset: number;
}

/** A search as the database matches it: upper case, without the separators people type ("eth/usdt" → "ETHUSDT"). */
export function searchKey(search: string): string {
  return search.toUpperCase().replace(/[/:_-]/g, '');
}

/**
 * Realised P&L of one UTC day, in USDT, and the running sum over the range: spot fills and
 * converts (average cost, fees included), derivatives (the exchange's closed P&L, after
 * their trading fees) and funding.
 */
export interface PnlDay {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  /** The day's total: `spot` + `derivatives`; a sum of the known figures. */
  realised: string;
  /** What that day's spot fills and converts realised. */
  spot: string;
  /** Closed P&L of the derivative positions closed (or partly closed) that day. */
  derivatives: string;
  /**
   * Funding received (positive) or paid (negative) that day. Not in `realised`: the closed
   * P&L of the position it was paid on deducts it when that position closes.
   */
  funding: string;
  /** Trading fees paid that day, spot and derivatives (already taken out of `realised`). */
  fees: string;
  /** The running sum of `realised` from the range's first day. */
  cumulative: string;
  /** Some figure up to this day is unknown: the sums are of the known ones only. */
  partial: boolean;
}
