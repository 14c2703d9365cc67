import type { ApiInput } from '../../../../shared/api.js';
import type { AccountView, DisplayCurrency, SettingsView } from '../../../../shared/domain.js';

/** Where an account's key lives, as a sentence ("…ab12" is all the window ever learns of it). */
export function keyDescription(a: AccountView): string {
  if (a.source === 'database') return 'No key on this machine: another machine sharing the database syncs it';
  const ends = a.key.hint ? `ends in ${a.key.hint}` : null;
  if (a.key.location === 'env') return `Key from environment variable ${a.exchangeId.toUpperCase()}_API_KEY${ends ? `, ${ends}` : ''}`;
  if (a.key.location === 'keychain') return `Key in the OS keychain${ends ? `, ${ends}` : ''}`;
  return 'No API key stored';
}

/** The general settings form: text for the number field, so a half-typed value is not lost. */
export interface GeneralForm {
  interval: string;
  enabled: boolean;
  launchAtLogin: boolean;
  notifications: boolean;
  displayCurrency: DisplayCurrency;
  depositCostBasis: SettingsView['depositCostBasis'];
}

export const INTERVAL_VAR = 'EXCHANGE_SYNC_INTERVAL_MINUTES';
export const ENABLED_VAR = 'EXCHANGE_SYNC_ENABLED';

/** The form as the settings stand; env-overridden fields show the value in effect. */
export function generalFormFrom(view: SettingsView): GeneralForm {
  const envInterval = view.envOverrides.includes(INTERVAL_VAR);
  const envEnabled = view.envOverrides.includes(ENABLED_VAR);
  return {
    interval: String(envInterval ? view.effectiveSync.intervalMinutes : view.sync.intervalMinutes),
    enabled: envEnabled ? view.effectiveSync.enabled : view.sync.enabled,
    launchAtLogin: view.launchAtLogin,
    notifications: view.notifications.enabled,
    displayCurrency: view.displayCurrency,
    depositCostBasis: view.depositCostBasis,
  };
}

/** The interval as minutes, or an error that says what is allowed. */
export function parseInterval(text: string): { minutes: number } | { error: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { error: 'Whole minutes, from 1 to 1440' };
  const minutes = Number(t);
  return minutes >= 1 && minutes <= 1440 ? { minutes } : { error: 'From 1 minute to 1440 (a day)' };
}

/**
 * The `settings:update` patch for what changed; fields set by environment variables are
 * never sent (the environment wins anyway, and the file keeps the user's own choice).
 * Null when nothing changed.
 */
export function generalPatch(view: SettingsView, form: GeneralForm): ApiInput<'settings:update'> | { error: string } | null {
  const patch: ApiInput<'settings:update'> = {};
  const sync: { intervalMinutes?: number; enabled?: boolean } = {};
  if (!view.envOverrides.includes(INTERVAL_VAR)) {
    const parsed = parseInterval(form.interval);
    if ('error' in parsed) return parsed;
    if (parsed.minutes !== view.sync.intervalMinutes) sync.intervalMinutes = parsed.minutes;
  }
  if (!view.envOverrides.includes(ENABLED_VAR) && form.enabled !== view.sync.enabled) sync.enabled = form.enabled;
  if (Object.keys(sync).length) patch.sync = sync;
  if (form.launchAtLogin !== view.launchAtLogin) patch.launchAtLogin = form.launchAtLogin;
  if (form.notifications !== view.notifications.enabled) patch.notifications = { enabled: form.notifications };
  if (form.displayCurrency !== view.displayCurrency) patch.displayCurrency = form.displayCurrency;
  if (form.depositCostBasis !== view.depositCostBasis) patch.depositCostBasis = form.depositCostBasis;
  return Object.keys(patch).length ? patch : null;
}

/** Environment variables that decide the database (any of them set means the file's choice is ignored). */
export function databaseEnvVars(view: SettingsView): string[] {
  return view.envOverrides.filter((v) => v === 'DATABASE_URL' || v.startsWith('DB_'));
}
