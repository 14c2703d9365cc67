import type { SyncRunSummary } from '../../shared/api.js';
import type { AppStatus } from '../../shared/domain.js';
import { clip } from './tray-format.js';

/** What the policy remembers between runs (persisted by the notifier). */
export interface NotificationMemory {
  /** Whether the latest run that synced anything succeeded; null while unknown. */
  lastRunOk: boolean | null;
  /** When each cause last notified, ISO. */
  sentAt: Record<string, string>;
}

export interface PlannedNotification {
  cause: string;
  title: string;
  body: string;
}

export interface KeyExpiry {
  exchangeId: string;
  id: string;
  label: string | null;
  expiresAt: string | null;
}

export interface PolicyContext {
  now: Date;
  /** The settings' off switch. */
  enabled: boolean;
}

export const SAME_CAUSE_SPACING_MS = 24 * 3_600_000;
export const KEY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

/** The starting memory: what the stored history says about the last run. */
export function memoryFromStatus(status: AppStatus | null, previous: NotificationMemory | null): NotificationMemory {
  const runs = status?.accounts.flatMap((a) => (a.lastRun ? [a.lastRun] : [])) ?? [];
  return { lastRunOk: runs.length ? runs.every((r) => r.success) : previous?.lastRunOk ?? null, sentAt: { ...previous?.sentAt } };
}

/** A failure right after a success, or a success right after a failure, is worth a notification. */
export function afterSync(memory: NotificationMemory, summary: SyncRunSummary, ctx: PolicyContext): { memory: NotificationMemory; notify: PlannedNotification[] } {
  const ran = summary.accounts.filter((a) => a.skipped === null);
  if (ran.length === 0) return { memory, notify: [] };
  const ok = ran.every((a) => a.ok);
  const planned: PlannedNotification[] = [];
  if (!ok && memory.lastRunOk === true) {
    const first = ran.find((a) => !a.ok);
    const what = first?.error ? `${first.error.message}. ${first.error.recommendation}` : 'See the dashboard.';
    planned.push({ cause: 'sync-failed', title: 'AlphaPulse Sync: sync failed', body: clip(`${first?.exchangeId ?? ''} ${first?.account ?? ''}: ${what}`.trim(), 250) });
  }
  if (ok && memory.lastRunOk === false) {
    planned.push({ cause: 'sync-recovered', title: 'AlphaPulse Sync: syncing again', body: 'The last sync worked; your data is up to date.' });
  }
  return gate({ ...memory, lastRunOk: ok }, planned, ctx);
}

/** Keys that expire within 14 days (or have expired), one notification per key and day at most. */
export function keyExpiryNotices(memory: NotificationMemory, keys: readonly KeyExpiry[], ctx: PolicyContext): { memory: NotificationMemory; notify: PlannedNotification[] } {
  const planned: PlannedNotification[] = [];
  for (const k of keys) {
    if (!k.expiresAt) continue;
    const days = Math.ceil((Date.parse(k.expiresAt) - ctx.now.getTime()) / DAY_MS);
    if (!Number.isFinite(days) || days > KEY_WARNING_DAYS) continue;
    const name = k.label ?? `${k.exchangeId} account ${k.id}`;
    planned.push({
      cause: `key-expiring:${k.exchangeId}:${k.id}`,
      title: days <= 0 ? 'AlphaPulse Sync: API key expired' : `AlphaPulse Sync: API key expires in ${days} day${days === 1 ? '' : 's'}`,
      body: `${name}: create a new read-only key (bind it to your IP so it does not expire) and enter it in Settings.`,
    });
  }
  return gate(memory, planned, ctx);
}

function gate(memory: NotificationMemory, planned: PlannedNotification[], ctx: PolicyContext): { memory: NotificationMemory; notify: PlannedNotification[] } {
  if (!ctx.enabled) return { memory, notify: [] };
  const sentAt = { ...memory.sentAt };
  const notify = planned.filter((n) => {
    const last = Date.parse(sentAt[n.cause] ?? '');
    if (Number.isFinite(last) && ctx.now.getTime() - last < SAME_CAUSE_SPACING_MS) return false;
    sentAt[n.cause] = ctx.now.toISOString();
    return true;
  });
  return { memory: { ...memory, sentAt }, notify };
}
