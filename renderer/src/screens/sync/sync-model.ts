import type { AccountStatus, BreakerInfo, SyncRunRecord } from '../../../../shared/domain.js';

/** What an account's state reads as, in one or two words. */
export function accountStateLabel(state: AccountStatus['state']): string {
  return { idle: 'Idle', syncing: 'Syncing…', ok: 'Synced', failed: 'Failed', never: 'Not synced yet' }[state];
}

/**
 * The circuit breaker in words: after 3 failures in a row scheduled syncs skip the
 * account for a while; the user should know why nothing happens and how to force a try.
 */
export function breakerText(b: BreakerInfo): string {
  if (b.state === 'closed') return b.consecutiveFailures > 0 ? `${b.consecutiveFailures} failed ${b.consecutiveFailures === 1 ? 'sync' : 'syncs'} in a row` : 'Healthy';
  if (b.state === 'half-open') return `Resting after ${b.consecutiveFailures} failures; the next sync is a trial`;
  return `Paused after ${b.consecutiveFailures} failures in a row: scheduled syncs skip this account for now`;
}

/** Milliseconds a run took, or null while it runs. */
export function runDurationMs(r: Pick<SyncRunRecord, 'startTime' | 'endTime'>): number | null {
  if (r.endTime === null) return null;
  const ms = Date.parse(r.endTime) - Date.parse(r.startTime);
  return Number.isNaN(ms) ? null : Math.max(0, ms);
}

/** "window", "tray", "scheduler"… as the history shows it. */
export function triggerLabel(trigger: string | null): string {
  if (trigger === null) return '—';
  return { manual: 'Manual', window: 'Window', tray: 'Tray', cli: 'CLI', scheduler: 'Scheduled', schedule: 'Scheduled', wake: 'After sleep' }[trigger] ?? trigger;
}

/** A stable DOM id part for an account: "bybit-main". */
export function accountTestId(exchangeId: string, account: string): string {
  return `${exchangeId}-${account}`;
}
