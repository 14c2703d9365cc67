import type { AccountStatus, AppStatus, KeychainState, SettingsView } from '../../shared/domain.js';
import { convertTotal } from '../../shared/format/display-currency.js';
import { clip, formatAge, formatMoney } from './tray-format.js';
import type { KeyExpiry } from './notification-policy.js';

/** Everything the tray shows is a function of this. */
export interface TrayInput {
  /** null until the first status arrives. */
  status: AppStatus | null;
  settings: SettingsView | null;
  keychain: KeychainState | null;
  online: boolean;
  /** When each account's key expires, as last checked (a connection test per account); absent until then. */
  keyExpiries?: readonly KeyExpiry[];
  now: Date;
}

const EXPIRY_WARN_MS = 14 * 86_400_000;
const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** Keys that expire within 14 days, soonest first: a warning wherever the key shows, the tray included. */
function expiringKeys(i: TrayInput): Array<{ name: string; at: Date }> {
  const out: Array<{ name: string; at: Date }> = [];
  for (const k of i.keyExpiries ?? []) {
    const at = k.expiresAt === null ? Number.NaN : Date.parse(k.expiresAt);
    if (!Number.isNaN(at) && at - i.now.getTime() <= EXPIRY_WARN_MS) out.push({ name: k.label ?? `${k.exchangeId} ${k.id}`, at: new Date(at) });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export type TrayIconState = 'idle' | 'syncing' | 'error' | 'offline' | 'paused';
export type TrayAction = 'sync-now' | 'open-dashboard' | 'run-diagnostics' | 'open-settings' | 'toggle-pause' | 'toggle-launch-at-login' | 'quit';

export type TrayMenuItem =
  | { kind: 'info'; label: string }
  | { kind: 'separator' }
  | { kind: 'action'; action: TrayAction; label: string; enabled: boolean }
  | { kind: 'checkbox'; action: TrayAction; label: string; checked: boolean; enabled: boolean };

const failing = (s: AppStatus | null): AccountStatus[] => s?.accounts.filter((a) => a.state === 'failed') ?? [];
const paused = (i: TrayInput): boolean => (i.settings ? !i.settings.effectiveSync.enabled : i.status?.scheduler.enabled === false);

/** Which icon: syncing wins, then offline (no network, or every failure is a network one), error, paused. */
export function trayIconState(i: TrayInput): TrayIconState {
  if (i.status?.syncing) return 'syncing';
  const failed = failing(i.status);
  if (!i.online || (failed.length > 0 && failed.every((a) => a.lastRun?.error?.errorClass === 'network'))) return 'offline';
  if (failed.length > 0) return 'error';
  return paused(i) ? 'paused' : 'idle';
}

function lastSync(i: TrayInput): { at: Date; ok: boolean } | null {
  let latest: { at: Date; ok: boolean } | null = null;
  for (const a of i.status?.accounts ?? []) {
    const run = a.lastRun;
    if (!run) continue;
    const at = new Date(run.endTime ?? run.startTime);
    if (!latest || at > latest.at) latest = { at, ok: run.success };
  }
  return latest;
}

const age = (at: Date, now: Date) => formatAge(Math.max(0, (now.getTime() - at.getTime()) / 1000));
/**
 * The total in the display currency at the newest stored rate; without one, USDT and a
 * short note saying which rate is missing (`long` for the menu, which has the room).
 */
function total(i: TrayInput, long = false): string {
  if (i.status?.totalValue == null) return 'no value yet';
  const t = convertTotal(i.status.totalValue, i.settings?.displayCurrency ?? 'USDT', i.status.rates ?? {});
  const text = formatMoney(t.value ?? i.status.totalValue, t.currency);
  if (t.missingRate === null) return text;
  return long ? `${text} (no ${t.missingRate} rate known yet, so shown in USDT)` : `${text} (no ${t.missingRate} rate)`;
}

/** One line for the tray tooltip (Windows cuts tooltips at 127 characters). */
export function trayTooltip(i: TrayInput): string {
  const last = lastSync(i);
  const state = trayIconState(i);
  const parts = ['AlphaPulse Sync', total(i), last ? `synced ${age(last.at, i.now)}` : 'never synced'];
  if (state === 'syncing') parts.push('syncing…');
  else if (state === 'error') parts.push('last sync failed');
  else if (state === 'offline') parts.push('offline');
  else if (state === 'paused') parts.push('paused');
  if (i.keychain && i.keychain.status !== 'ok' && i.keychain.status !== 'unchecked') parts.push('keychain unavailable');
  if (expiringKeys(i).length > 0) parts.push('API key expires soon');
  return clip(parts.join(' — '), 127);
}

/** The tray menu, top to bottom; the shell turns it into an Electron menu. */
export function buildTrayMenu(i: TrayInput): TrayMenuItem[] {
  const items: TrayMenuItem[] = [{ kind: 'info', label: `Total: ${total(i, true)}` }];
  const last = lastSync(i);
  const accounts = i.status?.accounts ?? [];
  if (i.status?.syncing) items.push({ kind: 'info', label: 'Syncing…' });
  else if (last) items.push({ kind: 'info', label: `Last sync: ${age(last.at, i.now)} — ${last.ok ? 'OK' : 'failed'}` });
  else if (i.status) items.push({ kind: 'info', label: accounts.length ? 'Not synced yet' : 'No account yet: add one in the dashboard' });
  for (const a of failing(i.status).slice(0, 3)) {
    items.push({ kind: 'info', label: clip(`⚠ ${a.label ?? `${a.exchangeId} ${a.account}`}: ${a.lastRun?.error?.message ?? 'failed'}`, 90) });
  }
  for (const k of expiringKeys(i).slice(0, 3)) {
    items.push({ kind: 'info', label: clip(`⚠ ${k.name}: API key expires on ${DATE.format(k.at)}; create a new one in time`, 90) });
  }
  if (!i.online) items.push({ kind: 'info', label: 'Offline: the next sync waits for the network' });
  const keychainProblem = i.keychain && (i.keychain.status === 'unavailable' || i.keychain.status === 'not-persistent') ? i.keychain.problem : null;
  if (keychainProblem) {
    items.push({ kind: 'info', label: clip(`Keychain: ${keychainProblem.message}`, 90) });
    items.push({ kind: 'action', action: 'open-settings', label: 'Use environment variables for keys…', enabled: true });
  }
  const locked = i.settings?.envOverrides.includes('EXCHANGE_SYNC_ENABLED') ?? false;
  items.push(
    { kind: 'separator' },
    { kind: 'action', action: 'sync-now', label: i.status?.syncing ? 'Syncing…' : 'Sync now', enabled: !!i.status && !i.status.syncing && accounts.length > 0 },
    { kind: 'action', action: 'open-dashboard', label: 'Open dashboard', enabled: true },
    { kind: 'action', action: 'run-diagnostics', label: 'Run diagnostics', enabled: true },
    { kind: 'separator' },
    {
      kind: 'action', action: 'toggle-pause', enabled: !!i.settings && !locked,
      label: `${paused(i) ? 'Resume' : 'Pause'} scheduled sync${locked ? ' (set by EXCHANGE_SYNC_ENABLED)' : ''}`,
    },
    { kind: 'checkbox', action: 'toggle-launch-at-login', label: 'Launch at login', checked: i.settings?.launchAtLogin ?? false, enabled: !!i.settings },
    { kind: 'separator' },
    { kind: 'action', action: 'quit', label: 'Quit AlphaPulse Sync', enabled: true },
  );
  return items;
}
