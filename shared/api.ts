import { z } from 'zod';
import { tradesExportFilter, tradesListInput, type PnlDay, type TradesPage } from './trades.js';
import { isoWhen } from './when.js';
import { DISPLAY_CURRENCIES } from './domain.js';
import type { AccountsView, AccountView, AppErrorInfo, AppStatus, AssetValuesPoint, BreakerInfo, ConnectionTestResult, NetValuePoint, Portfolio, Position, SettingsView, SyncProgress, SyncRunRecord } from './domain.js';

/**
 * The one contract between the core and every front end (Electron IPC, the `serve`
 * WebSocket, the CLI). Each call has a zod schema for its input, which every transport
 * validates before a handler sees it, and a result type. Channel names are `domain:verb`.
 */
export const NET_VALUE_RANGES = ['24h', '7d', '30d', '1y', 'all'] as const;

const accountRef = z.object({ exchangeId: z.string().min(1).max(32), account: z.string().min(1).max(64) });

// Settings and accounts. The core validates the merged result against its settings schema
// again; these catch malformed calls early. Key parts are trimmed (a paste often adds a
// space) and never echoed in an error.
const keyPart = (what: string) => z.string().trim().min(1, `${what} is empty`).max(512, `${what} is too long`).regex(/^\S+$/, `${what} contains white space`)
  // It travels in a request header, where anything beyond printable ASCII fails obscurely.
  .regex(/^[\x21-\x7e]+$/, `${what} has characters that are not ASCII letters, digits or punctuation`);
const credentialsInput = z.object({ apiKey: keyPart('The API key'), secret: keyPart('The API secret'), password: keyPart('The passphrase').optional() }).strict();
const accountKey = {
  exchangeId: z.string().trim().regex(/^[a-z][a-z0-9]{1,31}$/, 'an exchange id such as "bybit"'),
  id: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, "_", "-" or "." (at most 64)').default('default'),
};
const accountFields = {
  label: z.string().trim().max(80).nullable().optional(),
  enabled: z.boolean().optional(),
  testnet: z.boolean().optional(),
  demo: z.boolean().optional(),
  apiUrl: z.string().trim().max(500).nullable().optional(),
  testnetApiUrl: z.string().trim().max(500).nullable().optional(),
};
const settingsPatch = z.object({
  sync: z.object({ enabled: z.boolean().optional(), intervalMinutes: z.number().int().min(1).max(1440).optional() }).strict().optional(),
  database: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('embedded') }).strict(),
    // A URL without a password keeps the stored password of the same server.
    z.object({ mode: z.literal('external'), url: z.string().trim().min(1).max(2000), sslMode: z.enum(['disable', 'require', 'verify-full']).optional(), caFile: z.string().trim().min(1).max(1000).nullable().optional() }).strict(),
  ]).optional(),
  launchAtLogin: z.boolean().optional(),
  notifications: z.object({ enabled: z.boolean() }).strict().optional(),
  quoteCurrency: z.literal('USDT').optional(),
  displayCurrency: z.enum(DISPLAY_CURRENCIES).optional(),
  depositCostBasis: z.enum(['unknown', 'market']).optional(),
}).strict();

export const apiInputs = {
  'status:get': z.undefined(),
  'portfolio:get': z.undefined(),
  'positions:list': z.undefined(),
  'history:list': z.object({ limit: z.number().int().min(1).max(1000).default(50) }).default({ limit: 50 }),
  // `from`/`to` (custom dates) replace the range's span when given.
  'net-value:get': z.object({
    range: z.enum(NET_VALUE_RANGES).default('30d'), account: accountRef.nullable().default(null), maxPoints: z.number().int().min(2).max(2000).default(500),
    from: isoWhen.nullable().default(null), to: isoWhen.nullable().default(null),
  }).default({ range: '30d', account: null, maxPoints: 500, from: null, to: null }),
  // Each asset's value at the measured points of a range (or custom dates), thinned like net-value:get.
  'net-value:assets': z.object({
    range: z.enum(NET_VALUE_RANGES).default('30d'), account: accountRef.nullable().default(null), maxPoints: z.number().int().min(2).max(2000).default(500),
    from: isoWhen.nullable().default(null), to: isoWhen.nullable().default(null),
  }).default({ range: '30d', account: null, maxPoints: 500, from: null, to: null }),
  // Realised P&L per day over a range (or custom dates), from the booked spot fills.
  'pnl:daily': z.object({ range: z.enum(NET_VALUE_RANGES).default('30d'), account: accountRef.nullable().default(null), from: isoWhen.nullable().default(null), to: isoWhen.nullable().default(null) })
    .default({ range: '30d', account: null, from: null, to: null }),
  // `force` runs one trial even while an account's circuit breaker is open.
  'sync:run': z.object({ trigger: z.enum(['manual', 'tray', 'window', 'cli']).default('manual'), force: z.boolean().default(false) })
    .default({ trigger: 'manual', force: false }),
  'settings:get': z.undefined(),
  'settings:update': settingsPatch,
  'accounts:list': z.undefined(),
  // Credentials are write-only: left out, the stored key stays; null deletes it from the keychain.
  'accounts:save': z.object({ ...accountKey, ...accountFields, credentials: credentialsInput.nullable().optional() }).strict(),
  // `history`: keep the account's stored data (hidden, restored when the same exchange
  // and id is saved again) or delete it; either way it leaves every total at once.
  'accounts:remove': z.object({ ...accountKey, history: z.enum(['keep', 'delete']).default('keep') }).strict(),
  // Tests given credentials (before saving) or the stored ones; unset fields come from the saved account.
  'accounts:test': z.object({ ...accountKey, ...accountFields, credentials: credentialsInput.optional() }).strict(),
  'diagnostics:run': z.undefined(),
  // One page of fills, filtered and sorted by the database (see shared/trades.ts).
  'trades:list': tradesListInput.default({ account: null, search: '', side: null, category: null, from: null, to: null, sort: 'time', dir: 'desc', offset: 0, limit: 100 }),
  // A CSV of one table as `alphapulse-sync export` writes it; dates are ISO 8601, UTC.
  'export:csv': z.object({
    kind: z.enum(['holdings', 'positions', 'trades', 'cash-flows', 'net-value', 'realised']),
    account: z.string().trim().min(1).max(100).nullable().default(null),
    from: z.string().trim().min(1).max(40).nullable().default(null),
    to: z.string().trim().min(1).max(40).nullable().default(null),
    // Trades only: the Trades screen's filter, so the file holds what the table shows.
    trades: tradesExportFilter.nullable().default(null),
  }).strict(),
} as const;

export type ApiChannel = keyof typeof apiInputs;
export type ApiInput<K extends ApiChannel> = z.input<(typeof apiInputs)[K]>;
export type ApiParsedInput<K extends ApiChannel> = z.output<(typeof apiInputs)[K]>;

export type DiagnosticStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** One diagnostic check's result; every text is redacted, `data` holds the measured values. */
export interface DiagnosticCheck {
  id: string;
  /** `exchange/account`, or null for a global check (database, keychain, settings). */
  account: string | null;
  title: string;
  status: DiagnosticStatus;
  detail: string;
  /** What to do, for a person; present on warn and fail, may be empty on pass. */
  recommendation: string;
  data: Record<string, unknown>;
}

/** `diagnose --json`: ok is false when any check failed (a warning is not a failure). */
export interface DiagnosticsReport {
  ok: boolean;
  checks: DiagnosticCheck[];
}

/** What one sync run of all accounts ended with. */
export interface SyncRunSummary {
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  accounts: AccountSyncSummary[];
}

/** One account's part of a sync run. */
export interface AccountSyncSummary {
  exchangeId: string;
  account: string;
  ok: boolean;
  /** Set when this run left the account alone (another process held its lock, or its breaker is open). */
  skipped: string | null;
  error: AppErrorInfo | null;
  warnings: string[];
  requests: number;
  fillsImported: number;
  totalValue: string | null;
  /** The account's circuit breaker after this run. */
  breaker: BreakerInfo;
}

export interface ApiResults {
  'status:get': AppStatus;
  'portfolio:get': Portfolio;
  'positions:list': Position[];
  'history:list': SyncRunRecord[];
  'net-value:get': NetValuePoint[];
  'net-value:assets': AssetValuesPoint[];
  'pnl:daily': PnlDay[];
  'sync:run': SyncRunSummary;
  'settings:get': SettingsView;
  'settings:update': SettingsView;
  'accounts:list': AccountsView;
  'accounts:save': AccountView;
  /** `history`: what became of the stored data; null when nothing was removed. */
  'accounts:remove': { removed: boolean; keyDeleted: boolean; history: 'kept' | 'deleted' | null };
  'accounts:test': ConnectionTestResult;
  'diagnostics:run': DiagnosticsReport;
  'trades:list': TradesPage;
  'export:csv': { fileName: string; rows: number; csv: string };
}

/** The handler table the core implements and each transport serves. */
export type ApiHandlers = { [K in ApiChannel]: (input: ApiParsedInput<K>) => Promise<ApiResults[K]> };

/** What a front end calls: `send('portfolio:get')`, typed end to end. */
export type ApiClient = <K extends ApiChannel>(channel: K, ...input: undefined extends ApiInput<K> ? [ApiInput<K>?] : [ApiInput<K>]) => Promise<ApiResults[K]>;

/** Events the core pushes to every front end. */
export interface ApiEvents {
  'status:changed': AppStatus;
  'sync:progress': SyncProgress;
  'sync:finished': SyncRunSummary;
  'settings:changed': SettingsView;
  /** Each check's result as it finishes, while `diagnostics:run` is under way. */
  'diagnostics:result': DiagnosticCheck;
}

/** Every event of {@link ApiEvents}, for transports that forward them all. */
export const apiEventNames = ['status:changed', 'sync:progress', 'sync:finished', 'settings:changed', 'diagnostics:result'] as const satisfies ReadonlyArray<keyof ApiEvents>;
// Compiles only while apiEventNames lists every key of ApiEvents.
const _everyEventListed: Exclude<keyof ApiEvents, (typeof apiEventNames)[number]> extends never ? true : never = true;

/** The error every transport returns instead of a raw exception. */
export type ApiError = AppErrorInfo;

/**
 * A call's outcome as every transport carries it (Electron IPC, the `serve` WebSocket):
 * errors travel as data, because IPC keeps only an Error's message and JSON none of it.
 */
export type ApiReply = { ok: true; value: unknown } | { ok: false; error: ApiError };

/** Validates a call's input; throws a zod error a transport maps to a 'config' ApiError. */
export function parseApiInput<K extends ApiChannel>(channel: K, input: unknown): ApiParsedInput<K> {
  return apiInputs[channel].parse(input) as ApiParsedInput<K>;
}
