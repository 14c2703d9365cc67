import type { StoredRates } from '../portfolio/display-rates.js';
import type { TickerQuote } from '../portfolio/pricing.js';
import type { SyncProgress } from '../../../shared/domain.js';
import type { HistoryImport, ImportCursors } from './history-types.js';

/** One asset in one wallet; quantity is the wallet balance as a decimal string. */
export interface BalanceRow {
  wallet: string;
  asset: string;
  quantity: string;
}

/** One own trade. Decimal fields are exact strings from the exchange. */
export interface FillRow {
  fillId: string;
  orderId: string | null;
  category: string;
  symbol: string;
  base: string;
  quote: string;
  side: 'buy' | 'sell';
  price: string;
  quantity: string;
  fee: string | null;
  feeCurrency: string | null;
  feeUsdtRate: string | null;
  quoteUsdtRate: string | null;
  executedAt: Date;
}

export interface PositionRow {
  category: string;
  symbol: string;
  side: 'long' | 'short';
  size: string;
  entryPrice: string | null;
  markPrice: string | null;
  unrealisedPnl: string | null;
  leverage: string | null;
  liquidationPrice: string | null;
  settleCoin: string | null;
  /** Initial margin in the settle coin; null when the exchange does not say. */
  margin: string | null;
}

/** Where the fill import stands for one account (stored on the accounts row). */
export interface FillsState {
  /** Newest execution time imported. */
  cursor: Date | null;
  /** Oldest instant the history walk covered; null until the first walk completed. */
  historyStart: Date | null;
}

export interface SpotMarket {
  symbol: string;
  base: string;
  quote: string;
}

/** Markets cached in the database so a warm sync loads none (and a key without the private markets permission still works). */
export interface MarketsCache {
  load(exchangeId: string, endpoint: string): Promise<{ fetchedAt: Date; markets: SpotMarket[] } | null>;
  save(exchangeId: string, endpoint: string, fetchedAt: Date, markets: SpotMarket[]): Promise<void>;
}

export type ProgressSink = (p: Omit<SyncProgress, 'exchangeId' | 'account'>) => void;

export interface CollectInput {
  fills: FillsState;
  accountMode: string | null;
  onProgress: ProgressSink;
  /** Aborts the sync (deadline, cancel): no request starts after it and every wait ends at once. */
  signal: AbortSignal;
  /** Cursors of the history kinds beside spot fills (derivatives, cash flows). */
  cursors?: ImportCursors;
}

/**
 * How much of one endpoint's published limit a client used: `peak` is the most requests
 * it started within one `windowMs`, against `limit` per `windowMs`; `rateLimited` counts
 * the answers that said the limit was exceeded (they were retried).
 */
export interface EndpointUse {
  endpoint: string;
  requests: number;
  peak: number;
  limit: number;
  windowMs: number;
  rateLimited: number;
}

/** Everything one sync reads from the exchange, ready to store. */
export interface CollectResult {
  serverTime: Date;
  clockOffsetMs: number;
  balances: BalanceRow[];
  tickers: TickerQuote[];
  fills: FillRow[];
  fillsState: FillsState;
  positions: PositionRow[];
  accountMode: string | null;
  /** Things that did not stop the sync but the user should know (e.g. a wallet not readable). */
  warnings: string[];
  requests: number;
  /** Derivative trades, closed P&L, transaction log and cash flows, where the exchange client reads them. */
  history?: HistoryImport;
  /** Per endpoint, this sync's use of the exchange's published limits, where the client measures it (OKX). */
  rateUse?: EndpointUse[];
  /** The account's own id on the exchange, where the client read it (Bybit: the Funding balance's member id). */
  ownId?: string | null;
}

/** An exchange account as the sync service sees it. */
export interface ExchangeAccountClient {
  collect(input: CollectInput): Promise<CollectResult>;
  /** HTTP requests made so far by this client. */
  requestCount(): number;
  /**
   * Daily USDT closes per asset over [fromDay, toDay] (UTC day starts, ms), keyed by day;
   * assets without a USDT market are absent. Exchanges without it get no backfilled history.
   */
  dailyCloses?(assets: readonly string[], fromDay: number, toDay: number, signal: AbortSignal): Promise<DailyCloses>;
  /** The account's own id on the exchange as the last sync read it (a kept client); null before. */
  ownId?(): string | null;
}

/** What a reconstructed history is valued with, per UTC day start (ms). */
export interface DailyCloses {
  /** Each asset's USDT close per day; an asset without a route to USDT is absent. */
  byAsset: Map<string, Map<number, string>>;
  /** The display-currency rates of each day, from the conversion pairs' closes; a day without a close has none. */
  rates: Map<number, StoredRates>;
}
