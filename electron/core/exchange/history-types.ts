import type { FillRow, FillsState } from './types.js';

/**
 * The history kinds imported beside spot fills, each with its own cursor. A kind the
 * key may not read keeps its cursor, so its history is walked once the key can.
 */
export const IMPORT_KINDS = [
  'linear-fills', 'inverse-fills', 'linear-closed-pnl', 'inverse-closed-pnl', 'transaction-log',
  'deposits', 'withdrawals', 'internal-transfers', 'universal-transfers', 'converts',
  // OKX's SWAP, FUTURES and MARGIN fills, read together, its closed positions, and its
  // funding account's bills (transfers between its own accounts and sub-accounts, rewards).
  'derivative-fills', 'closed-positions', 'funding-bills',
] as const;
export type ImportKind = typeof IMPORT_KINDS[number];

/** Where each kind's import stands; a kind never imported is absent. */
export type ImportCursors = Partial<Record<ImportKind, FillsState>>;

/** One closed-position record (realised P&L of a closing order). Decimals are exact strings; '' from the exchange is null. */
export interface ClosedPnlRow {
  category: string;
  symbol: string;
  orderId: string;
  side: string;
  qty: string | null;
  orderPrice: string | null;
  orderType: string | null;
  execType: string | null;
  closedSize: string | null;
  cumEntryValue: string | null;
  avgEntryPrice: string | null;
  cumExitValue: string | null;
  avgExitPrice: string | null;
  closedPnl: string;
  openFee: string | null;
  closeFee: string | null;
  fillCount: string | null;
  leverage: string | null;
  createdAt: Date;
  updatedAt: Date | null;
  raw: unknown;
  /** USDT price of the settle coin at the record's minute ('1' for a cash coin); null when none could be had. */
  usdtRate?: string | null;
}

/** One Unified-account transaction-log row: funding, fees, settlement, transfers, each with the balance after it. */
export interface TransactionLogRow {
  logId: string;
  category: string | null;
  symbol: string | null;
  type: string;
  side: string | null;
  currency: string;
  qty: string | null;
  size: string | null;
  tradePrice: string | null;
  change: string;
  cashFlow: string | null;
  funding: string | null;
  fee: string | null;
  cashBalance: string;
  tradeId: string | null;
  orderId: string | null;
  transactionTime: Date;
  raw: unknown;
  /** A funding row's USDT price of `currency` at its minute ('1' for a cash coin); null otherwise or when none could be had. */
  usdtRate?: string | null;
}

export type CashFlowKind = 'deposit' | 'withdrawal' | 'internal-transfer' | 'universal-transfer' | 'convert';

/**
 * A deposit, withdrawal, transfer or convert. `amount` is positive; the kind and the
 * wallets say the direction. A convert receives `amount` of `asset` for
 * `counterAmount` of `counterAsset`.
 */
export interface CashFlowRow {
  kind: CashFlowKind;
  flowId: string;
  asset: string;
  amount: string;
  fee: string | null;
  counterAsset: string | null;
  counterAmount: string | null;
  fromWallet: string | null;
  toWallet: string | null;
  txId: string | null;
  status: string | null;
  rawType: string | null;
  occurredAt: Date;
  raw: unknown;
  /**
   * USDT price of `asset` at the record's minute ('1' for a cash coin), for deposits and
   * universal transfers (the market cost-basis policy) and converts (their value); null
   * when none could be had or none is needed.
   */
  usdtRate?: string | null;
  /** A convert's USDT price of `counterAsset` at its minute; null when none could be had or none is needed. */
  counterUsdtRate?: string | null;
}

/** What one sync read of the history kinds, ready to store. */
export interface HistoryImport {
  /** Linear and inverse trades; written to `fills` with their category, never part of the spot cost basis. */
  derivativeFills: FillRow[];
  closedPnl: ClosedPnlRow[];
  transactionLog: TransactionLogRow[];
  cashFlows: CashFlowRow[];
  /** New cursors of the kinds read completely this sync. */
  cursors: ImportCursors;
}
