import type { ApiParsedInput } from '../../../shared/api.js';
import type { SettingsView } from '../../../shared/domain.js';
import type { EnvOverrides } from '../config/env.js';
import type { AppConfig } from '../config/app-config.js';
import { settingsSchema, type DatabaseSettings, type Settings } from '../config/settings-schema.js';
import { parseDatabaseUrl } from '../db/database-target.js';
import { configError } from '../errors.js';
import { splitPassword } from './database-password.js';

type Env = Readonly<Record<string, string | undefined>>;
export type SettingsPatch = ApiParsedInput<'settings:update'>;

const DB_VARS = ['DATABASE_URL', 'DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASS', 'DB_NAME'] as const;

/** Settings as front ends see them: env overrides named, the database password left out. */
export function toSettingsView(settings: Settings, config: AppConfig, ctx: { env: Env; envOverrides: EnvOverrides; startedWith: DatabaseSettings; databasePasswordStored: boolean }): SettingsView {
  const envOverrides: string[] = [];
  if (ctx.envOverrides.enabled !== undefined) envOverrides.push('EXCHANGE_SYNC_ENABLED');
  if (ctx.envOverrides.intervalMinutes !== undefined) envOverrides.push('EXCHANGE_SYNC_INTERVAL_MINUTES');
  for (const name of DB_VARS) if (ctx.env[name]?.trim()) envOverrides.push(name);
  const db = settings.database;
  return {
    sync: { ...settings.sync },
    effectiveSync: { ...config.sync },
    envOverrides,
    database: db.mode === 'embedded' ? { mode: 'embedded' }
      : externalView(db, ctx.databasePasswordStored),
    restartRequired: !sameDatabase(db, ctx.startedWith),
    launchAtLogin: settings.launchAtLogin,
    notifications: { ...settings.notifications },
    quoteCurrency: settings.quoteCurrency,
    displayCurrency: settings.displayCurrency,
    depositCostBasis: settings.depositCostBasis,
  };
}

/**
 * The settings a patch asks for, validated, and the database password it brings. The
 * URL is kept without its password (that goes to the keychain); a URL given without a
 * password keeps the stored one, since the password is never sent to a front end.
 */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): { settings: Settings; databasePassword: string | null } {
  const next: Record<string, unknown> = { ...current };
  let databasePassword: string | null = null;
  if (patch.sync) next.sync = { ...current.sync, ...definedOnly(patch.sync) };
  if (patch.launchAtLogin !== undefined) next.launchAtLogin = patch.launchAtLogin;
  if (patch.notifications) next.notifications = { ...current.notifications, ...patch.notifications };
  if (patch.quoteCurrency) next.quoteCurrency = patch.quoteCurrency;
  if (patch.displayCurrency) next.displayCurrency = patch.displayCurrency;
  if (patch.depositCostBasis) next.depositCostBasis = patch.depositCostBasis;
  if (patch.database?.mode === 'embedded') next.database = { mode: 'embedded' };
  if (patch.database?.mode === 'external') {
    parseDatabaseUrl(patch.database.url, 'The database URL');
    const previous = current.database.mode === 'external' ? current.database : null;
    const { url, password } = splitPassword(patch.database.url);
    databasePassword = password || null;
    next.database = {
      mode: 'external', url,
      sslMode: patch.database.sslMode ?? previous?.sslMode ?? 'disable',
      caFile: patch.database.caFile === undefined ? previous?.caFile ?? null : patch.database.caFile,
    };
  }
  return { settings: validateSettings(next), databasePassword };
}

/** Parses settings; a violation is a config error that names the field, never echoing a value. */
export function validateSettings(candidate: unknown): Settings {
  const parsed = settingsSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'settings';
  throw configError(`The setting ${where} is not valid: ${issue?.message ?? 'invalid value'}`, 'Correct that value and save again; nothing was changed.');
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function sameDatabase(a: DatabaseSettings, b: DatabaseSettings): boolean {
  if (a.mode !== b.mode) return false;
  if (a.mode === 'embedded' || b.mode === 'embedded') return true;
  return a.url === b.url && a.sslMode === b.sslMode && a.caFile === b.caFile;
}


function externalView(db: Extract<DatabaseSettings, { mode: 'external' }>, passwordStored: boolean): SettingsView['database'] {
  const shown = shownUrl(db.url);
  return { mode: 'external', url: shown.url, passwordSet: passwordStored || shown.password !== '', sslMode: db.sslMode, caFile: db.caFile };
}

/** The URL split from its password; an unreadable one is not shown at all, as it may hold the password. */
function shownUrl(url: string): { url: string; password: string } {
  try {
    return splitPassword(url);
  } catch {
    return { url: '(not a valid URL)', password: '' };
  }
}
