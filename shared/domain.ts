/**
 * Domain types shared by the core, the CLI and the renderer. Every money or quantity
 * figure is a decimal string (exact); `null` means unknown, never zero.
 */

/** A decimal number as a plain-notation string, e.g. "0.00012". */
export type DecimalString = string;

/** Wallet types as Bybit names them; other exchanges map to these or to their own names. */
export type WalletType = 'UNIFIED' | 'CONTRACT' | 'SPOT' | 'FUND' | 'EARN_FLEXIBLE' | 'EARN_ONCHAIN' | (string & {});

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
  /** USDT realised by selling (or spending) this asset so far; null for cash and untraded assets. */
  realisedPnl: DecimalString | null;
  /** Some sale's proceeds or cost were unknown: `realisedPnl` is the known part. */
  realisedPnlPartial: boolean;
  /** USDT fees of this asset's trades; null for cash and untraded assets. */
  feesPaid: DecimalString | null;
  /** Some fee could not be valued: `feesPaid` is the known part. */
  feesPartial: boolean;
  wallets: Record<string, DecimalString>;
  /**
   * Balance minus what the stored records (trades, deposits, withdrawals, transfers,
   * converts, derivative settlement) explain; "0" when fully explained, null (or
   * absent) before the account's first reconciliation.
   */
  unexplainedQuantity?: DecimalString | null;
}

/** Realised P&L and fees of every spot trade of the accounts shown, sold-out assets included. */
export interface TradingTotals {
  /** The deposit policy these figures and the average entry prices were worked out under. */
  depositCostBasis: 'unknown' | 'market';
  realisedPnl: DecimalString;
  realisedPnlPartial: boolean;
  feesPaid: DecimalString;
  feesPartial: boolean;
}

/** The currency figures are shown in; stored figures are always USDT. */
export const DISPLAY_CURRENCIES = ['USDT', 'USD', 'EUR'] as const;
export type DisplayCurrency = (typeof DISPLAY_CURRENCIES)[number];

/**
 * The exchange's own spot price that converts USDT into a display currency, as stored
 * with a snapshot: `EURUSDT` 1.08 (the currency is the base: divide) or `USDTEUR` 0.92
 * (USDT is the base: multiply).
 */
export interface FxRate {
  symbol: string;
  base: string;
  quote: string;
  price: DecimalString;
  /** When the snapshot that stored it was taken. */
  at: string;
}

/** The latest stored rate of each non-USDT display currency; absent when none is known. */
export type DisplayRates = Partial<Record<Exclude<DisplayCurrency, 'USDT'>, FxRate>>;

export interface Portfolio {
  asOf: string | null;
  /** Always USDT from the core; a front end that converts sets its display currency here. */
  quote: DisplayCurrency;
  /** Rates for the display currencies, from the newest snapshot that had them. */
  rates: DisplayRates;
  /** walletValue + unrealisedPnl: what the exchange calls the accounts' equity. */
  totalValue: DecimalString;
  /** The priced holdings of every wallet (the items' values summed). */
  walletValue: DecimalString;
  /** Open derivatives positions' unrealised P&L in USDT, which wallet balances exclude. */
  unrealisedPnl: DecimalString;
  unpricedAssets: number;
  /** Null before the first sync has booked the trades. */
  trading: TradingTotals | null;
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
  /** Initial margin in the settle coin, where the exchange reports it. */
  margin: DecimalString | null;
  /**
   * Funding of this symbol summed over the account's transaction log, in the settle
   * coin: positive received, negative paid; null when the log has none for it.
   */
  funding: DecimalString | null;
  updatedAt: string;
}

/** Error classes: what a failure is, so the user knows what to do. */
export const ERROR_CLASSES = [
  'config', 'auth', 'permission', 'ip', 'clock', 'rate-limit', 'network',
  'exchange-down', 'bad-response', 'database', 'keychain', 'cancelled', 'internal',
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

/**
 * Per-account circuit breaker: after 3 failed syncs in a row the account rests for 10
 * minutes (scheduled syncs skip it), then one trial decides. A manual sync can force a trial.
 */
export interface BreakerInfo {
  state: 'closed' | 'open' | 'half-open';
  consecutiveFailures: number;
  /** While open: seconds until the next trial is allowed. */
  cooldownRemainingSeconds: number | null;
  lastErrorClass: ErrorClass | null;
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
  breaker: BreakerInfo;
  /** Assets whose balance the stored records do not fully explain (empty when all are, or before a sync). */
  unexplained?: UnexplainedQuantity[];
}

/** One asset of one account that is off: balance − explained. */
export interface UnexplainedQuantity {
  asset: string;
  quantity: DecimalString;
  likelyCause: string | null;
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
  /** The display currencies' rates from the newest snapshot that stored each (as the portfolio's). */
  rates: DisplayRates;
}

export interface NetValuePoint {
  t: string;
  /** walletValue + unrealisedPnl. */
  value: DecimalString;
  /** 'backfill': reconstructed from the trade history before the first sync; 'sync': measured. */
  source: 'sync' | 'backfill';
  /** The history did not explain some balance that day: a lower bound, not a measurement. */
  estimated: boolean;
  /** The wallets' part of the value. */
  walletValue: DecimalString;
  /** Open positions' unrealised P&L (USDT) in the value. */
  unrealisedPnl: DecimalString;
  /**
   * USDT cost (average-cost method, fees included) of the coins held whose cost is known
   * and that have a price; cash carries none. Null when unknown: a point from before costs
   * were recorded, or coins held none of which had a known cost.
   */
  costBasis: DecimalString | null;
  /** Unrealised P&L of the spot holdings in `costBasis`: their value at the point's prices minus it; null when it is. */
  unrealisedSpot: DecimalString | null;
  /** Some coin held had units without a known cost or price: the figures cover the known part (or, null, nothing was known). */
  costPartial: boolean;
  /**
   * The exchange's conversion rates stored with the point's snapshots (its own time's
   * price, for a chart in USD or EUR): a reconstructed day has the conversion pairs'
   * closes of that day; a currency whose pair had no price then is absent.
   */
  rates?: DisplayRates;
}

/**
 * One point of the value of each asset over time: at a measured (sync) time, every
 * chosen account's latest snapshot up to then, quantity × price summed per asset.
 */
export interface AssetValuesPoint {
  t: string;
  /** Asset → value in USDT; null for an asset held but unpriced then. An asset not held is absent. */
  values: Record<string, DecimalString | null>;
  /** The display rates stored with the point's snapshots, as a net-value point's. */
  rates: DisplayRates;
}

/** Where an account's API key is kept; the key itself never leaves the main process. */
export type KeyLocation = 'keychain' | 'env' | 'none';

/** An exchange account as settings screens see it: no secret, only a hint of the key. */
export interface AccountView {
  exchangeId: string;
  id: string;
  label: string | null;
  enabled: boolean;
  testnet: boolean;
  demo: boolean;
  apiUrl: string | null;
  testnetApiUrl: string | null;
  /**
   * 'env': configured by `{EXCHANGE}_API_KEY`; it cannot be edited or removed in the app.
   * 'database': not configured here, but active in the shared database (another machine
   * syncs it); it counts in the totals and can be removed here.
   */
  source: 'settings' | 'env' | 'database';
  /** `hint` is "…ab12" (the last four characters) or null when there is no key. */
  key: { location: KeyLocation; hint: string | null };
}

/** Whether API keys can be kept in the OS keychain here, and what to do when not. */
export interface KeychainState {
  status: 'ok' | 'unavailable' | 'not-persistent' | 'unchecked';
  /** Set when status is not 'ok': what is wrong and what to do (use environment variables). */
  problem: AppErrorInfo | null;
}

export interface AccountsView {
  accounts: AccountView[];
  keychain: KeychainState;
}

/** Settings as a front end may show them; the database password is never included. */
export interface SettingsView {
  sync: { enabled: boolean; intervalMinutes: number };
  /** What is in effect after environment overrides (env wins). */
  effectiveSync: { enabled: boolean; intervalMinutes: number };
  /** Environment variables that override a setting, e.g. "EXCHANGE_SYNC_INTERVAL_MINUTES". */
  envOverrides: string[];
  database:
    | { mode: 'embedded' }
    | { mode: 'external'; url: string; passwordSet: boolean; sslMode: 'disable' | 'require' | 'verify-full'; caFile: string | null };
  /** The database settings differ from the ones the app started with: a restart applies them. */
  restartRequired: boolean;
  launchAtLogin: boolean;
  notifications: { enabled: boolean };
  quoteCurrency: 'USDT';
  /** Figures are shown in this currency, converted at the exchange's own rate. */
  displayCurrency: DisplayCurrency;
  /** How deposits enter average entry prices: with no cost (partial) or at their minute's market price. */
  depositCostBasis: 'unknown' | 'market';
}

/** What a test of an account's connection found; `key` is known for Bybit. */
export interface ConnectionTestResult {
  exchangeId: string;
  id: string;
  ok: boolean;
  error: AppErrorInfo | null;
  elapsedMs: number;
  key: { readOnly: boolean | null; expiresAt: string | null; ipRestricted: boolean | null } | null;
}
