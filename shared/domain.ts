/**
 * Domain types shared by the core, the CLI and the renderer. Every money or quantity
 * figure is a decimal string (exact); `null` means unknown, never zero.
 */

/** A decimal number as a plain-notation string, e.g. "0.00012". */
export type DecimalString = string;

/** Wallet types as Bybit names them; other exchanges map to these or to their own names. */
export type WalletType = 'UNIFIED' | 'CONTRACT' | 'SPOT' | 'FUND' | (string & {});

export interface PortfolioItem {
  exchangeId: string;
  account: string;
  asset: string;
  quantity: DecimalString;
  currentPrice: DecimalString | null;
  value: DecimalString | null;
  avgEntryPrice: DecimalString | null;
  avgEntryPartial: boolean;
  profitLoss: DecimalString | null;
  profitLossPercentage: DecimalString | null;
  change24hPct: DecimalString | null;
  /** Allocation of the total value in percent; null when unpriced. */
  allocationPct: DecimalString | null;
  wallets: Record<string, DecimalString>;
}

export interface Portfolio {
  asOf: string | null;
  quote: 'USDT';
  totalValue: DecimalString;
  unpricedAssets: number;
  items: PortfolioItem[];
}

export interface Position {
  exchangeId: string;
  account: string;
  category: 'linear' | 'inverse' | 'option' | (string & {});
  symbol: string;
  side: 'long' | 'short';
  size: DecimalString;
  entryPrice: DecimalString | null;
  markPrice: DecimalString | null;
  unrealisedPnl: DecimalString | null;
  leverage: DecimalString | null;
  liquidationPrice: DecimalString | null;
  settleCoin: string | null;
  updatedAt: string;
}

/** Error classes of DESIGN §7: what a failure is, so the user knows what to do. */
export const ERROR_CLASSES = [
  'config', 'auth', 'permission', 'ip', 'clock', 'rate-limit', 'network',
  'exchange-down', 'bad-response', 'database', 'keychain', 'internal',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** A failure as the user sees it: classified, redacted, with what to do next. */
export interface AppErrorInfo {
  errorClass: ErrorClass;
  message: string;
  recommendation: string;
}

export interface SyncRunRecord {
  id: number;
  exchangeId: string;
  account: string;
  syncType: string;
  trigger: string | null;
  success: boolean;
  startTime: string;
  endTime: string | null;
  itemsProcessed: number;
  itemsSynced: number;
  fillsImported: number | null;
  requests: number | null;
  error: AppErrorInfo | null;
  warnings: string[];
}

export interface AccountStatus {
  exchangeId: string;
  account: string;
  label: string | null;
  testnet: boolean;
  state: 'idle' | 'syncing' | 'ok' | 'failed' | 'never';
  lastSuccessAt: string | null;
  lastRun: SyncRunRecord | null;
  /** Age of the stored data in seconds, or null when there is none. */
  dataAgeSeconds: number | null;
}

export interface SchedulerStatus {
  enabled: boolean;
  intervalMinutes: number;
  running: boolean;
  nextRunAt: string | null;
}

export interface SyncProgress {
  exchangeId: string;
  account: string;
  step: 'markets' | 'prices' | 'balances' | 'fills' | 'positions' | 'saving' | 'done';
  done: number;
  total: number | null;
  message: string;
}

export interface AppStatus {
  syncing: boolean;
  scheduler: SchedulerStatus;
  accounts: AccountStatus[];
  totalValue: DecimalString | null;
  asOf: string | null;
}

export interface NetValuePoint {
  t: string;
  value: DecimalString;
}
