import { z } from 'zod';
import type { AppErrorInfo, AppStatus, NetValuePoint, Portfolio, Position, SyncProgress, SyncRunRecord } from './domain.js';

/**
 * The one contract between the core and every front end (Electron IPC, the `serve`
 * WebSocket, the CLI). Each call has a zod schema for its input, which every transport
 * validates before a handler sees it, and a result type. Channel names are `domain:verb`.
 */
export const NET_VALUE_RANGES = ['24h', '7d', '30d', '1y', 'all'] as const;

const accountRef = z.object({ exchangeId: z.string().min(1).max(32), account: z.string().min(1).max(64) });

export const apiInputs = {
  'status:get': z.undefined(),
  'portfolio:get': z.undefined(),
  'positions:list': z.undefined(),
  'history:list': z.object({ limit: z.number().int().min(1).max(1000).default(50) }).default({ limit: 50 }),
  'net-value:get': z.object({ range: z.enum(NET_VALUE_RANGES).default('30d'), account: accountRef.nullable().default(null), maxPoints: z.number().int().min(2).max(2000).default(500) })
    .default({ range: '30d', account: null, maxPoints: 500 }),
  'sync:run': z.object({ trigger: z.enum(['manual', 'tray', 'window', 'cli']).default('manual') }).default({ trigger: 'manual' }),
} as const;

export type ApiChannel = keyof typeof apiInputs;
export type ApiInput<K extends ApiChannel> = z.input<(typeof apiInputs)[K]>;
export type ApiParsedInput<K extends ApiChannel> = z.output<(typeof apiInputs)[K]>;

/** What one sync run of all accounts ended with. */
export interface SyncRunSummary {
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  accounts: Array<{
    exchangeId: string;
    account: string;
    ok: boolean;
    skipped: string | null;
    error: AppErrorInfo | null;
    warnings: string[];
    requests: number;
    fillsImported: number;
    totalValue: string | null;
  }>;
}

export interface ApiResults {
  'status:get': AppStatus;
  'portfolio:get': Portfolio;
  'positions:list': Position[];
  'history:list': SyncRunRecord[];
  'net-value:get': NetValuePoint[];
  'sync:run': SyncRunSummary;
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
}

/** The error every transport returns instead of a raw exception. */
export type ApiError = AppErrorInfo;

/** Validates a call's input; throws a zod error a transport maps to a 'config' ApiError. */
export function parseApiInput<K extends ApiChannel>(channel: K, input: unknown): ApiParsedInput<K> {
  return apiInputs[channel].parse(input) as ApiParsedInput<K>;
}
