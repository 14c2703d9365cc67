import fs from 'node:fs/promises';
import type { AppConfig } from '../config/app-config.js';
import { envPrefix } from '../config/env.js';
import { settingsSchema } from '../config/settings-schema.js';
import { fail, pass, warn, type CheckDefinition, type CheckOutcome } from './check-types.js';

type Env = Readonly<Record<string, string | undefined>>;

/** What loading the settings file gave. */
export interface SettingsState {
  file: string;
  /** Set when the file was invalid and moved aside (the core's `settingsRecovered`). */
  recovered: { movedTo: string; reason: string } | null;
  /** Set when the file could not be read at all (permissions); defaults are in use. */
  readError: string | null;
}

/** What the settings check reads. */
export interface SettingsCheckDeps {
  config: AppConfig;
  env: Env;
  settings: SettingsState;
  /** Whether a folder can be written; injected so tests need no read-only disk. */
  isWritable?: (dir: string) => Promise<boolean>;
}

const GLOBAL_VARS = ['DATA_DIR', 'DATABASE_URL', 'DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASS', 'DB_NAME', 'EXCHANGE_SYNC_EXCHANGES',
  'EXCHANGE_SYNC_INTERVAL_MINUTES', 'EXCHANGE_SYNC_ENABLED', 'EXCHANGE_SYNC_LOG_LEVEL', 'EXCHANGE_SYNC_LOG_DIR'];
const PER_EXCHANGE = ['API_KEY', 'API_SECRET', 'API_PASSWORD', 'TESTNET', 'DEMO', 'API_URL', 'TESTNET_API_URL', 'DEMO_API_URL'];

const writable = (dir: string): Promise<boolean> => fs.access(dir, fs.constants.W_OK).then(() => true, () => false);

/** The settings file is valid, its values in range, and the data folder is writable. */
export function settingsCheck(deps: SettingsCheckDeps): CheckDefinition {
  return { id: 'settings', account: null, title: 'Settings', run: () => checkSettings(deps) };
}

async function checkSettings(deps: SettingsCheckDeps): Promise<CheckOutcome> {
  const { config, settings } = deps;
  const exists = await fs.access(settings.file).then(() => true, () => false);
  const dataDirWritable = await (deps.isWritable ?? writable)(config.paths.dataDir);
  // Names only: values can be secrets.
  const exchanges = config.accounts.map((a) => envPrefix(a.exchangeId));
  const envOverrides = [...GLOBAL_VARS, ...new Set(exchanges.flatMap((p) => PER_EXCHANGE.map((v) => `${p}_${v}`)))]
    .filter((name) => (deps.env[name] ?? '').trim() !== '');
  const data = {
    file: settings.file, exists, valid: settings.recovered === null && settings.readError === null, recovered: settings.recovered,
    dataDir: config.paths.dataDir, dataDirWritable, logDir: config.paths.logDir,
    syncEnabled: config.sync.enabled, intervalMinutes: config.sync.intervalMinutes, logLevel: config.logLevel,
    accounts: config.accounts.map((a) => ({ account: `${a.exchangeId}/${a.id}`, source: a.source, enabled: a.enabled, testnet: a.testnet, demo: a.demo, apiUrl: a.apiUrl })),
    envOverrides,
  };
  if (settings.readError) {
    return fail(`The settings file ${settings.file} could not be read (${settings.readError}); defaults are in use`,
      'Check the file\'s permissions (it must be readable by the user running AlphaPulse Sync).', data);
  }
  if (!dataDirWritable) {
    return fail(`The data folder ${config.paths.dataDir} is not writable`,
      'Give the user running AlphaPulse Sync write access to the folder, or set DATA_DIR to a writable folder.', data);
  }
  const problems: string[] = [];
  const fixes: string[] = [];
  // The file was validated on load; re-checking what is in effect catches values set in code paths since.
  const parsed = settingsSchema.safeParse(config.settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    problems.push(`settings value ${issue?.path.join('.') || '?'} is out of range (${issue?.message ?? 'invalid'})`);
    fixes.push('Correct the value in the settings.');
  }
  for (const a of config.accounts) {
    if (a.testnet && a.demo) {
      return fail(`Account ${a.exchangeId}/${a.id} is set to testnet and demo trading at once`, 'Turn one of them off: an account is on mainnet, testnet or demo trading.', data);
    }
    for (const url of [a.apiUrl, a.testnetApiUrl]) {
      if (url && /^http:\/\//.test(url) && !/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:|\/|$)/.test(url)) {
        problems.push(`account ${a.exchangeId}/${a.id} talks to ${url} without encryption`);
        fixes.push('Use an https:// URL for the exchange API.');
      }
    }
  }
  if (settings.recovered) {
    problems.unshift(`the settings file was invalid (${settings.recovered.reason}); it was moved to ${settings.recovered.movedTo} and defaults are in use`);
    fixes.unshift(`Re-enter your settings (the old file is kept at ${settings.recovered.movedTo}).`);
  }
  if (config.accounts.length === 0) {
    problems.push('no exchange account is configured');
    fixes.push('Set BYBIT_API_KEY and BYBIT_API_SECRET (a read-only key), or add an account in the desktop app.');
  }
  if (problems.length) return warn(capitalise(problems.join('; ')), fixes.join(' '), data);
  const accounts = config.accounts.length === 1 ? '1 account' : `${config.accounts.length} accounts`;
  const schedule = config.sync.enabled ? `sync every ${config.sync.intervalMinutes} min` : 'scheduled sync off';
  return pass(`${exists ? 'Settings file valid' : 'No settings file (defaults)'}; ${accounts}; ${schedule}`, data);
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
