import type { DataPaths } from './paths.js';
import type { EnvOverrides, LogLevel } from './env.js';
import type { AccountSettings, Settings } from './settings-schema.js';

export interface AccountConfig extends AccountSettings {
  /** Where the account was configured; env accounts take their keys from the environment. */
  source: 'env' | 'settings';
}

/** Settings with the environment applied on top (env wins: a server's environment is its configuration). */
export interface AppConfig {
  paths: DataPaths;
  logLevel: LogLevel;
  sync: { enabled: boolean; intervalMinutes: number };
  accounts: AccountConfig[];
  settings: Settings;
}

export function buildAppConfig(settings: Settings, env: EnvOverrides, paths: DataPaths): AppConfig {
  const accounts: AccountConfig[] = settings.accounts.map((a) => ({ ...a, source: 'settings' }));
  for (const exchangeId of env.exchanges) {
    const e = env.perExchange[exchangeId];
    if (!e) continue;
    const existing = accounts.filter((a) => a.exchangeId === exchangeId);
    // URL and network overrides apply to every account of that exchange.
    for (const a of existing) {
      if (e.testnet !== undefined) a.testnet = e.testnet;
      if (e.demo !== undefined) a.demo = e.demo;
      if (e.apiUrl) a.apiUrl = e.apiUrl;
      if (e.testnetApiUrl) a.testnetApiUrl = e.testnetApiUrl;
    }
    if (e.hasCredentials && !existing.some((a) => a.id === 'default')) {
      accounts.push({
        exchangeId, id: 'default', label: null, enabled: true, testnet: e.testnet ?? false, demo: e.demo ?? false,
        apiUrl: e.apiUrl ?? null, testnetApiUrl: e.testnetApiUrl ?? null, source: 'env',
      });
    } else if (e.hasCredentials) {
      const a = existing.find((x) => x.id === 'default');
      if (a) a.source = 'env';
    }
  }
  return {
    paths,
    logLevel: env.logLevel ?? settings.logLevel,
    sync: { enabled: env.enabled ?? settings.sync.enabled, intervalMinutes: env.intervalMinutes ?? settings.sync.intervalMinutes },
    accounts,
    settings,
  };
}
