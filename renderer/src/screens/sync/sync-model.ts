import type { SyncRunSummary } from '../../../../shared/api.js';
import type { AccountStatus, BreakerInfo, ErrorClass, SyncRunRecord } from '../../../../shared/domain.js';
import { countOf } from '../../../../shared/format/plural.js';

/** What an account's state reads as, in one or two words. */
export function accountStateLabel(state: AccountStatus['state']): string {
  return { idle: 'Idle', syncing: 'Syncing…', ok: 'Synced', failed: 'Failed', never: 'Not synced yet' }[state];
}

/**
 * The circuit breaker in one sentence, in the window's own words: after 3 failures in a
 * row scheduled syncs skip the account for a while; the user should know why nothing
 * happens and that "Try now" makes one attempt at once. The open state's countdown is
 * added by the card (the only countdown for the pause).
 */
export function breakerText(b: BreakerInfo): string {
  if (b.state === 'closed') return b.consecutiveFailures > 0 ? `${countOf(b.consecutiveFailures, 'failed sync')} in a row` : 'Healthy';
  if (b.state === 'half-open') return `The pause after ${countOf(b.consecutiveFailures, 'failed sync')} is over: the next sync is one trial attempt`;
  return `Paused after ${countOf(b.consecutiveFailures, 'failed sync')} in a row: scheduled syncs skip this account`;
}

// Failures that clear by themselves: their advice is "the next sync tries again", which
// a paused account would contradict, so the pause sentence stands in for it.
const TRANSIENT: ReadonlySet<ErrorClass> = new Set(['rate-limit', 'network', 'exchange-down', 'bad-response']);

/** The recommendation to show beside an account's error; null when the pause says it all. */
export function cardRecommendation(b: BreakerInfo, error: { errorClass: ErrorClass; recommendation: string }): string | null {
  if (b.state === 'open' && TRANSIENT.has(error.errorClass)) return null;
  return error.recommendation || null;
}

/** What an account left out of a run reads as: the pause in the window's words, else the core's reason. */
export function skippedText(a: SyncRunSummary['accounts'][number]): string {
  if (a.breaker.state === 'open') return `paused after ${countOf(a.breaker.consecutiveFailures, 'failed sync')} in a row; “Try now” on its card makes one attempt`;
  return a.skipped ?? '';
}

/** The first line of a finished run: what failed, or what was left out, never "0 of 1 failed". */
export function summaryHeadline(summary: SyncRunSummary): { tone: 'ok' | 'warn' | 'error'; text: string } {
  const total = summary.accounts.length;
  const failed = summary.accounts.filter((a) => !a.ok && a.skipped === null).length;
  const skipped = summary.accounts.filter((a) => a.skipped !== null).length;
  if (failed > 0) return { tone: 'error', text: total === 1 ? '✕ The sync failed' : `✕ ${failed} of ${countOf(total, 'account')} failed` };
  if (skipped > 0 && skipped === total) return { tone: 'warn', text: total === 1 ? 'Not synced: the account is paused' : `Not synced: all ${countOf(total, 'account')} are paused` };
  if (skipped > 0) return { tone: 'warn', text: `✓ Sync finished; ${countOf(skipped, 'account')} left out` };
  return { tone: 'ok', text: '✓ Sync finished' };
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
