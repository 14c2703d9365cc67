// The account the fake serves. Plain mutable data: tests change it between syncs
// (push a fill, edit a balance) and the next request sees the change, because every
// response is derived from it on the spot. Numbers are decimal strings, times are ms.
import type { ScenarioHistory } from './history-types.js';

/** Which Bybit deployment a server instance or a key belongs to. */
export type Environment = 'mainnet' | 'testnet' | 'demo';

/** `uta` = Unified Trading Account 2.0 (wallet UNIFIED); `classic` = wallets SPOT and CONTRACT. */
export type AccountMode = 'uta' | 'classic';

export type Side = 'Buy' | 'Sell';
export type InstrumentStatus = 'Trading' | 'PreLaunch' | 'Delivering' | 'Closed';

/** Price from `from` (ms) on, until the next step; used by klines and valuation at fill time. */
export interface PriceStep {
  from: number;
  price: string;
}

/** Synthetic smooth history: lastPrice × (1 + amplitude·sin(2π·t/period + phase)). */
export interface PriceWave {
  amplitude: number;
  periodDays: number;
  phase: number;
}

interface MarketPrices {
  lastPrice: string;
  /** Defaults to lastPrice. */
  prevPrice24h?: string;
  /** Base volume over 24h; defaults to a figure derived from the symbol. */
  volume24h?: string;
  tickSize?: string;
  /** Step history wins over `wave`; with neither, the price was always lastPrice. */
  history?: PriceStep[];
  wave?: PriceWave;
  /** When the market opened (ms): klines have no candle that starts before it. */
  listedAt?: number;
}

export interface SpotMarket extends MarketPrices {
  symbol: string;
  baseCoin: string;
  quoteCoin: string;
  status: InstrumentStatus;
  basePrecision?: string;
  minOrderQty?: string;
}

export interface DerivativeMarket extends MarketPrices {
  category: 'linear' | 'inverse';
  symbol: string;
  contractType: 'LinearPerpetual' | 'LinearFutures' | 'InversePerpetual' | 'InverseFutures';
  baseCoin: string;
  quoteCoin: string;
  settleCoin: string;
  status: InstrumentStatus;
  markPrice?: string;
  indexPrice?: string;
  fundingRate?: string;
  qtyStep?: string;
  maxLeverage?: string;
  launchTime?: number;
}

/**
 * A coin in UNIFIED (or classic SPOT/CONTRACT). Left out, totalPositionIM, totalPositionMM and
 * unrealisedPnl are summed from the open positions settled in this coin; equity and usdValue are
 * always derived (equity = walletBalance + unrealisedPnl, usdValue at the coin's USDT price).
 */
export interface TradingCoinBalance {
  coin: string;
  walletBalance: string;
  locked?: string;
  borrowAmount?: string;
  accruedInterest?: string;
  totalOrderIM?: string;
  totalPositionIM?: string;
  totalPositionMM?: string;
  unrealisedPnl?: string;
  cumRealisedPnl?: string;
  bonus?: string;
}

export interface FundCoinBalance {
  coin: string;
  walletBalance: string;
  /** Defaults to walletBalance. */
  transferBalance?: string;
  bonus?: string;
}

export interface Wallets {
  UNIFIED: TradingCoinBalance[];
  FUND: FundCoinBalance[];
  /** Classic accounts only. */
  SPOT: TradingCoinBalance[];
  /** Classic accounts only. */
  CONTRACT: TradingCoinBalance[];
}

/**
 * One execution. Spot fees default to feeRate × qty in the base coin for buys and
 * feeRate × value in the quote coin for sells; a fee in a third coin (MNT) needs an
 * explicit execFee and feeCurrency.
 */
export interface Fill {
  category: 'spot' | 'linear' | 'inverse';
  symbol: string;
  side: Side;
  execQty: string;
  execPrice: string;
  execTime: number;
  execFee?: string;
  feeCurrency?: string;
  feeRate?: string;
  isMaker?: boolean;
  orderType?: 'Limit' | 'Market';
  execType?: 'Trade' | 'Funding' | 'BustTrade' | 'Settle' | 'AdlTrade';
  orderId?: string;
  orderLinkId?: string;
  execId?: string;
  /** Orders by sequence within the same millisecond; defaults to the fill's index + 1. */
  seq?: number;
  closedSize?: string;
}

export interface Position {
  category: 'linear' | 'inverse';
  symbol: string;
  side: Side;
  /** Base quantity for linear, USD contracts for inverse. */
  size: string;
  avgPrice: string;
  leverage: string;
  /** Defaults to the market's mark price. */
  markPrice?: string;
  /** Defaults to value / leverage, in the settle coin. */
  positionIM?: string;
  cumRealisedPnl?: string;
  createdTime: number;
  updatedTime?: number;
  tradeMode?: 0 | 1;
}

/**
 * A Bybit Earn position. Flexible Saving lists fully redeemed positions too (amount
 * "0"); On-chain lists only active ones. `category` is the listing it is served under.
 */
export interface EarnPosition {
  category: 'FlexibleSaving' | 'OnChain';
  coin: string;
  productId: string;
  amount: string;
  claimableYield?: string;
  totalPnl?: string;
  /** On-chain only: Processing or Active. */
  status?: 'Processing' | 'Active';
  /** Makes the row carry a `category` field of its own: a product type the app does not know. */
  rowCategory?: string;
}

/** Everything the fake knows about one Bybit account. */
export interface Scenario {
  name: string;
  accountMode: AccountMode;
  userId: number;
  spot: SpotMarket[];
  derivatives: DerivativeMarket[];
  wallets: Wallets;
  fills: Fill[];
  positions: Position[];
  /** Earn positions; absent = none. */
  earn?: EarnPosition[];
  /** Closed P&L, transaction log, deposits, withdrawals, transfers, converts; absent = none. */
  history?: ScenarioHistory;
}

/** Deep copy, so a server can be reset to the scenario it started with. */
export function cloneScenario(scenario: Scenario): Scenario {
  return structuredClone(scenario);
}
