import type { AccountStatus, AppErrorInfo, AppStatus, SettingsView, SyncRunRecord } from '../../../shared/domain.js';

export const NOW = new Date('2026-11-21T12:00:00Z');

export function run(success: boolean, error: AppErrorInfo | null = null, endTime = '2026-11-21T11:55:00Z'): SyncRunRecord {
  return {
    id: 1, exchangeId: 'bybit', account: 'default', syncType: 'full', trigger: 'schedule', success, startTime: '2026-11-21T11:54:50Z', endTime,
    itemsProcessed: 3, itemsSynced: 3, fillsImported: 0, requests: 5, error, warnings: [],
  };
}

export function account(over: Partial<AccountStatus> = {}): AccountStatus {
  return {
    exchangeId: 'bybit', account: 'default', label: null, testnet: false, state: 'ok', lastSuccessAt: '2026-11-21T11:55:00Z',
    lastRun: run(true), dataAgeSeconds: 300, breaker: { state: 'closed', consecutiveFailures: 0, cooldownRemainingSeconds: null, lastErrorClass: null },
    ...over,
  };
}

export function status(over: Partial<AppStatus> = {}): AppStatus {
  return {
    syncing: false, scheduler: { enabled: true, intervalMinutes: 30, running: true, nextRunAt: '2026-11-21T12:25:00Z' },
    accounts: [account()], totalValue: '12345.678', asOf: '2026-11-21T11:55:00Z', rates: {}, ...over,
  };
}

export function settingsView(over: Partial<SettingsView> = {}): SettingsView {
  return {
    sync: { enabled: true, intervalMinutes: 30 }, effectiveSync: { enabled: true, intervalMinutes: 30 }, envOverrides: [],
    database: { mode: 'embedded' }, restartRequired: false, launchAtLogin: false, notifications: { enabled: true }, quoteCurrency: 'USDT', displayCurrency: 'USDT', depositCostBasis: 'unknown', ...over,
  };
}

export const AUTH_ERROR: AppErrorInfo = { errorClass: 'auth', message: 'Bybit says the API key is invalid', recommendation: 'Check the key.' };
export const NETWORK_ERROR: AppErrorInfo = { errorClass: 'network', message: 'Could not reach Bybit (ECONNREFUSED)', recommendation: 'Check the internet connection.' };
